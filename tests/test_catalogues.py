"""The French catalogues agree with each other.

Django merges every app's catalogue into one: for a message found in several, the app listed first in
INSTALLED_APPS wins everywhere. Two apps translating the same message differently therefore means one of
them shows the other's words (a site report once read « Rapport de séance », the test sessions' title).
A message that must read differently in two places takes a context (``pgettext``, ``{% translate … context … %}``).
"""

from __future__ import annotations

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def french_catalogues() -> list[Path]:
    return sorted(path for path in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po") if ".venv" not in path.parts)


def test_a_message_is_translated_the_same_way_in_every_catalogue():
    seen: dict[tuple[str | None, str], dict[str, list[str]]] = {}
    for path in french_catalogues():
        for entry in polib.pofile(str(path)):
            translation = repr((entry.msgstr, sorted(entry.msgstr_plural.items())))
            seen.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(translation, []).append(
                str(path.relative_to(ROOT))
            )
    disagreements = {key: found for key, found in seen.items() if len(found) > 1}
    assert disagreements == {}
    assert len(french_catalogues()) >= 8


def test_no_french_message_is_fuzzy_or_empty():
    for path in french_catalogues():
        catalogue = polib.pofile(str(path))
        assert catalogue.fuzzy_entries() == [], path
        assert catalogue.untranslated_entries() == [], path
