"""The lock files match pyproject.toml: `make install` and the Dockerfile read only the locks.

Editing a range in pyproject.toml without running `make lock` would otherwise go unnoticed.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
APP_LOCK = ROOT / "requirements" / "app.txt"
DEV_LOCK = ROOT / "requirements" / "dev.txt"


def _pins(lock: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """Name → (exact version, hashes) of every requirement of a lock file."""
    pins = {}
    for line in lock.read_text().replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        hashes = frozenset(re.findall(r"--hash=(sha256:[0-9a-f]{64})", line))
        requirement = Requirement(re.sub(r"\s--hash=\S+", "", line))
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{lock.name}: {requirement.name} is not pinned to one version"
        assert hashes, f"{lock.name}: {requirement.name} has no hash"
        pins[canonicalize_name(requirement.name)] = (specifier.version, hashes)
    return pins


@pytest.mark.parametrize(
    ("lock", "dependencies"),
    [
        (APP_LOCK, PYPROJECT["dependencies"]),
        (DEV_LOCK, PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["dev"]),
    ],
    ids=["app", "dev"],
)
def test_the_lock_pins_every_dependency_of_pyproject_within_its_range(lock, dependencies):
    pins = _pins(lock)

    wrong = []
    for dependency in map(Requirement, dependencies):
        version, _ = pins.get(canonicalize_name(dependency.name), (None, None))
        if version is None or version not in dependency.specifier:
            wrong.append(f"{dependency} (locked: {version})")

    assert not wrong, f"{lock.name} does not follow pyproject.toml, run `make lock`: {wrong}"


def test_the_dev_lock_has_the_versions_and_hashes_of_the_app_lock():
    app, dev = _pins(APP_LOCK), _pins(DEV_LOCK)

    differ = sorted(name for name in app if dev.get(name) != app[name])

    assert not differ, f"Locked differently for the app and for dev, run `make lock`: {differ}"
