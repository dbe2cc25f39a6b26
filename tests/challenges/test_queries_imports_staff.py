"""Every import and staff page makes as many queries with 200 rows as with 10."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from challenges.models import Challenge
from tests.challenges.factories import ChallengeFactory, EditionFactory, SiteFactory, ThemeFactory
from tests.challenges.import_files import challenge_row, csv_bytes
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok

pytestmark = [pytest.mark.django_db]

SIZES = (10, 200)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _site_with(size: int, facilitator):
    """A site with ``size`` challenges, themes and facilitators, in an edition with ``size`` sites."""
    edition = EditionFactory()
    site = SiteFactory(edition=edition, facilitators=[facilitator, *UserFactory.create_batch(size)])
    organisation = OrganisationFactory()
    Challenge.objects.bulk_create(
        ChallengeFactory.build(site=site, number=number, organisation=organisation) for number in range(1, size + 1)
    )
    for index in range(size):
        ThemeFactory(edition=edition, title=f"Thème {size}-{index}")
    for index in range(size - 1):
        SiteFactory(edition=edition, place=f"Site {size}-{index}", facilitators=[UserFactory()])
    OrganisationFactory.create_batch(size)
    return site


def _measure(facilitator, staff, page):
    logs = []
    for size in SIZES:
        site = _site_with(size, facilitator)
        logs.append(page(site))
    return logs


@pytest.fixture
def measure(facilitator, staff):
    def run(page, *, what: str) -> None:
        small, large = _measure(facilitator, staff, page)
        assert_constant_queries(small, large, what=what)

    return run


def test_import_upload_page(measure, facilitator):
    measure(
        lambda site: count_queries(
            get_ok(_client(facilitator), reverse("challenges:challenge_import", args=[site.pk]))
        ),
        what="import form",
    )


def test_import_template_download(measure, facilitator):
    url = lambda site: reverse("challenges:challenge_import_template", args=[site.pk, "xlsx"])  # noqa: E731
    measure(lambda site: count_queries(get_ok(_client(facilitator), url(site))), what="import template")


def test_import_preview_page_and_confirmation(measure, facilitator):
    def page(site):
        client = _client(facilitator)
        size = site.challenges.count()
        # As many rows as the size, half of them naming a new organisation, some with a theme
        rows = [
            challenge_row(1000 + n, organisation=f"Nouvelle commune {n % 2}", theme=f"Thème {size}-0" if n % 3 else "")
            for n in range(size)
        ]
        client.post(
            reverse("challenges:challenge_import", args=[site.pk]),
            {"file": SimpleUploadedFile("d.csv", csv_bytes(rows))},
        )
        return count_queries(get_ok(client, reverse("challenges:challenge_import_preview", args=[site.pk])))

    measure(page, what="import preview")


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite splits one bulk insert into batches of its variable limit; the budget is PostgreSQL's",
)
def test_import_confirmation(measure, facilitator):
    def confirm(site):
        client = _client(facilitator)
        size = site.challenges.count()
        rows = [challenge_row(1000 + n, organisation=f"Commune {size}-{n % 2}") for n in range(size)]
        client.post(
            reverse("challenges:challenge_import", args=[site.pk]),
            {"file": SimpleUploadedFile("d.csv", csv_bytes(rows))},
        )
        url = reverse("challenges:challenge_import_preview", args=[site.pk])

        def action():
            response = client.post(url)
            assert response.status_code == 302

        return count_queries(action)

    measure(confirm, what="import confirmation")


@pytest.mark.parametrize(
    ("url_name", "target"),
    [
        ("challenges:staff_edition_list", None),
        ("challenges:staff_edition_create", None),
        ("challenges:staff_edition_manage", "edition"),
        ("challenges:staff_edition_update", "edition"),
        ("challenges:staff_site_create", "edition"),
        ("challenges:staff_theme_create", "edition"),
        ("challenges:staff_site_update", "site"),
        ("challenges:staff_site_facilitators", "site"),
        ("challenges:staff_theme_update", "theme"),
    ],
)
def test_staff_pages(measure, staff, url_name, target):
    def page(site):
        args = {
            None: [],
            "edition": [site.edition_id],
            "site": [site.pk],
            "theme": [site.edition.themes.first().pk],
        }[target]
        # More editions too, for the list
        EditionFactory.create_batch(site.challenges.count() // 10)
        return count_queries(get_ok(_client(staff), reverse(url_name, args=args)))

    measure(page, what=url_name)
