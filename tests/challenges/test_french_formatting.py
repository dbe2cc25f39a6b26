"""Pages read as French: abbreviated months as in French, thousands separated, one inclusive name per role."""

from __future__ import annotations

import datetime
import glob
import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from challenges.models import AuditEntry
from challenges.services import challenges as services
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_figures_have_thousands_separators(client):
    challenge = ChallengeFactory(territory_inhabitants=216000, territory_communes=1234)

    html = client.get(reverse("challenges:challenge_detail", args=[challenge.pk])).content.decode()

    assert "216\u00a0000" in html and "1\u00a0234" in html
    assert "216000" not in html


@pytest.mark.django_db
def test_the_history_dates_are_french(client, facilitator):
    challenge = ChallengeFactory(site=SiteFactory(facilitators=[facilitator]))
    services.challenge_move_phase(challenge=challenge, actor=facilitator, phase="prototype")
    moment = datetime.datetime(2026, 11, 29, 10, 30, tzinfo=timezone.get_current_timezone())
    AuditEntry.objects.filter(challenge=challenge).update(created_at=moment)
    client.force_login(facilitator)

    html = client.get(reverse("challenges:challenge_history", args=[challenge.pk])).content.decode()

    assert "29 nov. 2026, 10:30" in html
    assert "Nov 2026" not in html


def _history_with_a_change(client, facilitator) -> str:
    """The history page of a challenge whose kind and phase changed once, read by its site's facilitator."""
    challenge = ChallengeFactory(site=SiteFactory(facilitators=[facilitator]), nature="")
    AuditEntry.objects.create(challenge=challenge, actor=facilitator, action="updated", changes={
        "nature": ["", "non_digital"], "phase": ["ideation", "prototype"],
    })  # fmt: skip
    client.force_login(facilitator)
    return client.get(reverse("challenges:challenge_history", args=[challenge.pk])).content.decode()


@pytest.mark.django_db
def test_the_history_names_a_choice_by_its_label_not_its_code(client, facilitator):
    html = _history_with_a_change(client, facilitator)

    assert "<ins>Non numérique</ins>" in html
    assert "non_digital" not in html and "<ins>Prototype</ins>" in html
    assert '<span class="fw-semibold">Phase\u00a0:</span> <del>Idéation</del>' in html


@pytest.mark.django_db
def test_the_history_reads_as_english_in_english(client, facilitator):
    client.cookies["django_language"] = "en"

    html = _history_with_a_change(client, facilitator)

    assert '<span class="fw-semibold">Phase:</span> <del>Ideation</del>' in html
    assert " : " not in html.split("<main", 1)[1]


@pytest.mark.django_db
def test_a_challenge_is_named_in_the_language_of_the_page():
    challenge = ChallengeFactory(number=3, question="Comment simplifier ?")

    assert str(challenge) == "Défi 3\u00a0: Comment simplifier ?"  # a French colon: a no-break space before
    with translation.override("en"):
        assert str(challenge) == "Challenge 3: Comment simplifier ?"


@pytest.mark.django_db
def test_team_roles_read_inclusively(client, owner, facilitator, contributor):
    challenge = ChallengeFactory()
    for person, role in ((owner, "owner"), (facilitator, "facilitator"), (contributor, "contributor")):
        TeamMembershipFactory(challenge=challenge, person=person, role=role)

    html = client.get(reverse("challenges:challenge_detail", args=[challenge.pk])).content.decode()

    for label in ("Porteur·se du défi", "Facilitateur·rice", "Contributeur·rice"):
        assert label in html


def french_catalogues() -> list[Path]:
    return [Path(path) for path in glob.glob(str(ROOT / "**/locale/fr/LC_MESSAGES/django.po"), recursive=True)
            if ".venv" not in path]  # fmt: skip


def test_facilitator_is_one_word_everywhere_in_french():
    """ "Facilitateur·rice", decided once: never "animateur", never a masculine-only plural."""
    found = []
    for path in french_catalogues():
        for entry in polib.pofile(str(path)):
            for text in (entry.msgstr, *entry.msgstr_plural.values()):
                if re.search(r"(?i)animat(eur|rice)|\bfacilitateurs\b(?!·)|\btesteurs\b|facilitateur ou facilitatrice",
                             text):  # fmt: skip
                    found.append(f"{path.relative_to(ROOT)}: {text[:80]}")
    assert found == []
    assert len(french_catalogues()) >= 7


def test_french_punctuation_keeps_its_space_on_the_same_line():
    """A no-break space before « : ; ? ! » and inside « », as French typography wants: a line never starts with
    a colon or a closing guillemet."""
    found = []
    for path in french_catalogues():
        for entry in polib.pofile(str(path)):
            for text in (entry.msgstr, *entry.msgstr_plural.values()):
                if re.search(r" [:;?!»]|« ", text):
                    found.append(f"{path.relative_to(ROOT)}: {text[:80]}")
    assert found == []
