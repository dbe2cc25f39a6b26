"""French is complete and the committed .mo files match their .po sources."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/fr/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("locale/fr/LC_MESSAGES/django.po")
)


def test_there_are_french_catalogues():
    assert CATALOGUES, "no French catalogue found"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_french_message_is_translated(po_path):
    catalogue = polib.pofile(str(po_path))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert not untranslated, f"{po_path}: untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{po_path}: fuzzy: {fuzzy[:20]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    stale = [
        entry.msgid
        for entry in polib.pofile(str(po_path)).translated_entries()
        if not entry.msgid_plural
        and (compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid))
        != entry.msgstr
    ]

    assert not stale, f"{mo_path} is older than its .po (run `make messages`): {stale[:10]}"
