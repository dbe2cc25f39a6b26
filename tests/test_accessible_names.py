"""No two form fields of a page share one accessible name: each is named after its criterion or its row."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from challenges.models import TeamMembership
from grids.services.grids import default_grid_ensure
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.grids.assessment_factories import AssessmentFactory

pytestmark = pytest.mark.django_db


class LabelTexts(HTMLParser):
    """The full text (hidden parts included, as a screen reader reads it) of every <label for=…>."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: dict[str, str] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "label":
            self._current = dict(attrs).get("for")
            if self._current:
                self.labels[self._current] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current:
            self.labels[self._current] += data


def repeated_names(html: str) -> dict[str, int]:
    """Names given to more than one field; radio buttons are left out (their fieldset's legend names them)."""
    parser = LabelTexts()
    parser.feed(html)
    radios = set(re.findall(r'<input[^>]*type="radio"[^>]*id="([^"]+)"', html))
    texts = [text for key, text in parser.labels.items() if key not in radios]
    names = Counter(re.sub(r"\s+", " ", text).strip() for text in texts)
    return {name: count for name, count in names.items() if count > 1}


def test_the_challenge_form_names_each_figure_link_and_file_after_its_row(client, facilitator):
    site = SiteFactory(facilitators=[facilitator])
    client.force_login(facilitator)

    html = client.get(reverse("challenges:challenge_create", args=[site.pk])).content.decode()

    assert repeated_names(html) == {}
    assert "Valeur (ligne 3)" in html and "Chiffre (ligne 1)" in html


def test_the_assessment_form_names_each_justification_after_its_criterion(client, owner):
    grid = default_grid_ensure()
    challenge = ChallengeFactory(site=SiteFactory())
    TeamMembershipFactory(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER)
    assessment = AssessmentFactory(challenge=challenge, grid=grid, assessor=owner)
    client.force_login(owner)

    html = client.get(reverse("grids:assessment_form", args=[assessment.pk])).content.decode()

    parser = LabelTexts()
    parser.feed(html)
    justifications = [text for key, text in parser.labels.items() if key.startswith("justification-")]
    assert len(justifications) == grid.steps.values("criteria").count() > 1
    assert repeated_names(html) == {}
