"""A site's programme edited in the browser by its facilitators (issue 15), not only in the admin."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from challenges.models import SiteProgrammeItem
from challenges.services import editions as services
from tests.challenges.factories import SiteFactory
from tests.helpers.queries import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(facilitator):
    return SiteFactory(place="Rennes", facilitators=[facilitator])


@pytest.fixture
def client(facilitator):
    client = Client()
    client.force_login(facilitator)
    return client


def test_a_facilitator_adds_changes_and_removes_moments(site, client):
    url = reverse("challenges:site_programme", args=[site.pk])
    assert (
        reverse("challenges:site_programme", args=[site.pk])
        in client.get(reverse("challenges:site_detail", args=[site.pk])).content.decode()
    )

    client.post(
        url, {"new-kind": "talk", "new-title": "  Conférence   d’ouverture ", "new-starts_at": "2018-07-09T09:30"}
    )
    client.post(url, {"new-kind": "exhibition", "new-title": "Exposition des prototypes"})
    talk, exhibition = SiteProgrammeItem.objects.filter(site=site).order_by("position")
    assert (talk.title, talk.position, exhibition.position) == ("Conférence d’ouverture", 1, 2)
    assert talk.starts_at is not None

    item_url = reverse("challenges:programme_item_update", args=[site.pk, talk.pk])
    response = client.post(item_url, {f"i{talk.pk}-kind": "feedback", f"i{talk.pk}-title": "Retour collectif"})
    assert response.status_code == 302
    talk.refresh_from_db()
    assert (talk.kind, talk.title, talk.starts_at) == ("feedback", "Retour collectif", None)
    remove_url = reverse("challenges:programme_item_update", args=[site.pk, exhibition.pk])
    asked = client.post(remove_url, {"action": "delete"})
    assert asked.status_code == 200 and "Enlever ce moment\u00a0?" in asked.content.decode()
    assert SiteProgrammeItem.objects.filter(pk=exhibition.pk).exists()  # nothing removed before the confirmation
    client.post(remove_url, {"action": "delete", "confirmed": "on"})
    assert list(SiteProgrammeItem.objects.filter(site=site).values_list("title", flat=True)) == ["Retour collectif"]
    page = client.get(reverse("challenges:site_detail", args=[site.pk])).content.decode()
    assert "Retour collectif" in page.split('data-testid="site-programme"')[1]


def test_bad_input_comes_back_in_french_next_to_the_field(site, client):
    item = services.site_programme_item_add(site=site, kind="talk", title="Conférence")
    response = client.post(
        reverse("challenges:programme_item_update", args=[site.pk, item.pk]),
        {f"i{item.pk}-kind": "talk", f"i{item.pk}-title": " ", f"i{item.pk}-starts_at": "9 juillet"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Donnez un titre à ce moment." in page
    assert "Saisissez une date et une heure" in page
    item.refresh_from_db()
    assert item.title == "Conférence"


def test_a_moment_of_another_site_is_not_found(site, client):
    other = services.site_programme_item_add(site=SiteFactory(), kind="talk", title="Ailleurs")

    response = client.post(reverse("challenges:programme_item_update", args=[site.pk, other.pk]), {"action": "delete"})

    assert response.status_code == 404
    assert SiteProgrammeItem.objects.filter(pk=other.pk).exists()


def test_a_moment_outside_the_site_s_days_is_refused_next_to_its_date(site, client):
    response = client.post(
        reverse("challenges:site_programme", args=[site.pk]),
        {"new-kind": "talk", "new-title": "Conférence d’ouverture", "new-starts_at": "2028-07-09T09:30"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Le moment doit avoir lieu pendant le site, du 9 juillet 2018 au 11 juillet 2018." in page
    assert 'value="Conférence d’ouverture"' in page and 'value="2028-07-09T09:30"' in page
    assert not SiteProgrammeItem.objects.filter(site=site).exists()


def test_the_site_page_gives_each_moment_its_year(site, client):
    services.site_programme_item_add(
        site=site, kind="talk", title="Conférence", starts_at=datetime.datetime(2018, 7, 9, 9, 30, tzinfo=datetime.UTC)
    )

    page = client.get(reverse("challenges:site_detail", args=[site.pk])).content.decode()

    assert "lundi 9 juillet 2018, 11:30" in page.split('data-testid="site-programme"')[1]


def test_the_site_page_lists_the_moments_by_date_those_without_one_last(site, client):
    def at(day: int) -> datetime.datetime:
        return datetime.datetime(2018, 7, day, 9, 0, tzinfo=datetime.UTC)

    services.site_programme_item_add(site=site, kind="exhibition", title="Exposition")
    services.site_programme_item_add(site=site, kind="feedback", title="Retour collectif", starts_at=at(11))
    services.site_programme_item_add(site=site, kind="talk", title="Conférence d’ouverture", starts_at=at(9))

    programme = client.get(reverse("challenges:site_detail", args=[site.pk])).content.decode()
    programme = programme.split('data-testid="site-programme"')[1]

    positions = [programme.index(title) for title in ("Conférence d’ouverture", "Retour collectif", "Exposition")]
    assert positions == sorted(positions)


def test_the_removal_confirmation_reads_as_much_with_3_moments_as_with_40(site, client):
    def confirmation(moments: int):
        for position in range(SiteProgrammeItem.objects.filter(site=site).count(), moments):
            services.site_programme_item_add(site=site, kind="talk", title=f"Moment {position}")
        item = SiteProgrammeItem.objects.filter(site=site).order_by("position").first()
        url = reverse("challenges:programme_item_update", args=[site.pk, item.pk])

        def action():
            response = client.post(url, {"action": "delete"})
            assert response.status_code == 200 and "Enlever ce moment\u00a0?" in response.content.decode()

        return count_queries(action)

    small, large = confirmation(3), confirmation(40)

    assert_constant_queries(small, large, what="programme moment removal confirmation")
    assert SiteProgrammeItem.objects.filter(site=site).count() == 40
