"""README.md stays true for a newcomer: every setting's variable is documented, and nothing links outside."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _read_by_settings() -> set[str]:
    source = (ROOT / "innovation" / "settings.py").read_text()
    helpers = re.findall(r'env_[a-z_]+\(\s*"([A-Z][A-Z0-9_]+)"', source)
    direct = re.findall(r'os\.environ(?:\.get)?[\[(]\s*"([A-Z][A-Z0-9_]+)"', source)
    return set(helpers) | set(direct)


def _documented() -> set[str]:
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_every_variable_the_settings_read_is_in_the_configuration_table():
    missing = sorted(_read_by_settings() - _documented())
    assert not missing, f"Document these variables in README.md's Configuration table: {missing}"


def test_the_configuration_table_lists_no_variable_the_settings_ignore():
    stale = sorted(_documented() - _read_by_settings())
    assert not stale, f"README.md documents variables the settings no longer read: {stale}"


def test_the_documentation_links_nothing_outside_the_repository():
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    for document in documents:
        text = document.read_text()
        # No path that climbs out of the repository, linked or not: its readers have only this repository.
        assert re.search(r"\.\./\w", text) is None, document
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (document.parent / target).resolve().is_relative_to(ROOT), f"{document}: {target}"
            assert (document.parent / target).exists(), f"{document}: broken link {target}"
