"""Apps above challenges add links and sections to its pages, each shown to who holds its permission."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges import page_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(tmp_path, settings):
    template_dir = tmp_path / "templates"
    (template_dir / "probe").mkdir(parents=True)
    (template_dir / "probe" / "_section.html").write_text(
        '<section data-testid="probe">{{ challenge.number }}</section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], template_dir]}]
    link = page_links.page_link_register(
        page="challenge",
        permission="challenges.manage_team",
        label="Probe link",
        url_name="challenges:challenge_history",
    )
    section = page_links.page_section_register(page="challenge", template="probe/_section.html")
    yield link
    page_links.LINKS.remove(link)
    page_links.SECTIONS.remove(section)


def test_a_registered_link_shows_only_to_who_holds_its_permission(client, world, facilitator, contributor, registered):
    url = reverse("challenges:challenge_detail", args=[world["challenge"].pk])
    history = reverse("challenges:challenge_history", args=[world["challenge"].pk])

    client.force_login(facilitator)
    page = client.get(url).content.decode()
    assert "Probe link" in page and history in page

    client.force_login(contributor)
    assert "Probe link" not in client.get(url).content.decode()


def test_a_registered_section_is_included_with_the_challenge(client, world, registered):
    page = client.get(reverse("challenges:challenge_detail", args=[world["challenge"].pk])).content.decode()
    assert f'<section data-testid="probe">{world["challenge"].number}</section>' in page
