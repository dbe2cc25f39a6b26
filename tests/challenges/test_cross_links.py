"""The challenge, site and edition pages lead to the assessments and the reports, for who may use them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url).content.decode()


def test_site_page_offers_assessments_and_report_to_its_facilitator_only(client, world, facilitator, owner):
    site = world["site"]
    url = reverse("challenges:site_detail", args=[site.pk])
    overview = reverse("grids:site_assessments", args=[site.pk])
    report = reverse("reports:export_new", args=["site", site.pk])

    page = _page(client, facilitator, url)
    assert overview in page and report in page

    page = _page(client, owner, url)
    assert overview not in page and report not in page


def test_challenge_page_links_to_assessments_for_the_team_and_the_sheet_export_for_facilitators(
    client, world, facilitator, owner, outsider
):
    challenge = world["challenge"]
    url = reverse("challenges:challenge_detail", args=[challenge.pk])
    assessments = reverse("grids:challenge_assessments", args=[challenge.pk])
    sheet = reverse("reports:export_new", args=["challenge", challenge.pk])

    page = _page(client, owner, url)
    assert assessments in page and sheet not in page
    page = _page(client, facilitator, url)
    assert assessments in page and sheet in page
    page = _page(client, outsider, url)
    assert assessments not in page and sheet not in page


def test_edition_page_offers_the_edition_report_to_staff_only(client, world, staff, facilitator):
    edition = world["edition"]
    url = reverse("challenges:edition_detail", args=[edition.pk])
    report = reverse("reports:export_new", args=["edition", edition.pk])

    assert report in _page(client, staff, url)
    assert report not in _page(client, facilitator, url)
