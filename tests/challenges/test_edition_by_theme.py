"""The edition by theme (issue 15): its challenges by theme across sites, counts per site and phase; a site's
programme on its page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from challenges.models import Challenge, SiteProgrammeItem
from tests.challenges.factories import ChallengeFactory, EditionFactory, SiteFactory, ThemeFactory
from tests.factories import OrganisationFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok

pytestmark = pytest.mark.django_db


def _edition_with(count: int):
    edition = EditionFactory()
    sites = [SiteFactory(edition=edition, place=place) for place in ("Rennes", "Cluny", "Strasbourg")]
    themes = [ThemeFactory(edition=edition, title=f"Thème {n}", position=n) for n in range(4)]
    organisation = OrganisationFactory(name="Ville de Rennes")
    phases = list(Challenge.Phase.values)
    Challenge.objects.bulk_create(
        [
            ChallengeFactory.build(
                site=sites[n % 3],
                number=n,
                theme=themes[n % 4] if n % 7 else None,
                organisation=organisation,
                phase=phases[n % 5],
                status=Challenge.Status.DRAFT if n % 6 == 0 else Challenge.Status.PUBLISHED,
            )
            for n in range(1, count + 1)
        ]
    )
    return edition


def test_the_page_groups_the_visible_challenges_by_theme_with_counts_per_site_and_phase():
    edition = _edition_with(30)

    response = Client().get(reverse("challenges:edition_themes", args=[edition.pk]))

    page = response.context["page"]
    published = Challenge.objects.filter(site__edition=edition, status=Challenge.Status.PUBLISHED)
    assert page.total == published.count() == 25
    assert sum(len(group.challenges) for group in page.groups) == 25
    assert [group.theme.title if group.theme else None for group in page.groups] == [
        "Thème 0",
        "Thème 1",
        "Thème 2",
        "Thème 3",
        None,
    ]
    rennes = next(row for row in page.site_rows if row.site.place == "Rennes")
    assert rennes.total == published.filter(site__place="Rennes").count()
    assert rennes.by_phase[0] == published.filter(site__place="Rennes", phase="ideation").count()
    assert page.groups[0].sites == {
        place: published.filter(theme__title="Thème 0", site__place=place).count()
        for place in ("Rennes", "Cluny", "Strasbourg")
        if published.filter(theme__title="Thème 0", site__place=place).exists()
    }


@pytest.mark.parametrize("persona", ["anonymous", "facilitator"])
def test_the_page_makes_as_many_queries_with_10_as_with_1000_challenges(facilitator, persona):
    logs = []
    for count in (10, 1000):
        edition = _edition_with(count)
        client = Client()
        if persona == "facilitator":
            edition.sites.first().facilitators.add(facilitator)
            client.force_login(facilitator)
        url = reverse("challenges:edition_themes", args=[edition.pk])
        get_ok(client, url)()
        logs.append(count_queries(get_ok(client, url)))

    assert_constant_queries(*logs, what=f"edition by theme as {persona}")


def test_a_site_page_shows_its_programme_and_participants():
    site = SiteFactory(place="Rennes", participant_count=200)
    for position, (kind, title) in enumerate(
        [
            ("talk", "L’innovation publique territoriale"),
            ("feedback", "Retour collectif sur le processus"),
            ("mini_talk", "Les start-up d’État"),
            ("exhibition", "Exposition des prototypes"),
        ]
    ):
        SiteProgrammeItem.objects.create(site=site, kind=kind, title=title, position=position)

    page = Client().get(reverse("challenges:site_detail", args=[site.pk])).content.decode()

    section = " ".join(page.split('data-testid="site-programme"')[1].split("</section>")[0].split())
    assert "Environ 200 participants." in section
    for label in ("Conférence introductive", "Retour collectif", "Mini-conférence", "Exposition"):
        assert label in section
