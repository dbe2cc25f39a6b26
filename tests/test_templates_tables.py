"""On a phone, a wide table scrolls inside its own box: the page itself never scrolls sideways.

Every table of a web page sits in Bootstrap's ``.table-responsive`` (or stacks its rows on a phone, ``.table-stack``,
or sits in a box of its own that scrolls). The PDF templates are paged, not scrolled: they are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _web_templates() -> list[Path]:
    return [
        path
        for path in ROOT.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and not path.name.endswith("_pdf.html")
    ] + list((ROOT / "templates").glob("**/*.html"))


def test_every_table_of_a_web_page_scrolls_inside_its_own_box():
    bare = []
    for path in _web_templates():
        text = path.read_text()
        for match in re.finditer(r"<table\b[^>]*>", text):
            before = text[max(0, match.start() - 250) : match.start()]
            if not re.search(r"table-responsive|overflow", before) and "table-stack" not in match.group(0):
                bare.append(f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}")
    assert not bare, "tables that widen a phone's page: " + ", ".join(bare)
