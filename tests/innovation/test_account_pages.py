"""A person's own account page, calendar address and data page; the information pages; their query budgets."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.urls import reverse

from innovation import calendars
from innovation.models import Export
from innovation.services.accounts import person_calendar_token_regenerate
from tests.challenges.factories import EditionFactory, SiteFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok
from tests.innovation.factories_exports import ExportFactory

pytestmark = pytest.mark.django_db


def test_the_account_page_shows_the_persons_own_address_and_second_factor(client, owner, staff):
    client.force_login(owner)
    html = client.get(reverse("my_account")).content.decode()
    assert owner.email in html and "Désactivée" in html

    client.force_login(staff)
    assert "Activée" in client.get(reverse("my_account")).content.decode()


def test_a_new_calendar_address_revokes_the_previous_one(client, facilitator):
    # Given the facilitator of a site, with a calendar address
    SiteFactory(place="Rennes", facilitators=[facilitator])
    client.force_login(facilitator)
    client.post(reverse("my_calendar_regenerate"))
    facilitator.refresh_from_db()
    first = facilitator.calendar_token
    feed = client.get(reverse("person_calendar", args=[first]))
    assert feed.status_code == 200
    [event] = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert "Rennes" in str(event["summary"])

    # When they generate a new one
    page = client.post(reverse("my_calendar_regenerate"), follow=True)

    # Then the page shows the new address and the old one answers 404
    facilitator.refresh_from_db()
    assert facilitator.calendar_token != first
    assert facilitator.calendar_token in page.content.decode()
    assert client.get(reverse("person_calendar", args=[first])).status_code == 404
    assert client.get(reverse("person_calendar", args=[facilitator.calendar_token])).status_code == 200


def test_the_feed_of_an_inactive_person_is_gone(client, owner):
    token = person_calendar_token_regenerate(person=owner)
    owner.is_active = False
    owner.save()

    assert client.get(reverse("person_calendar", args=[token])).status_code == 404


def test_the_personal_feed_gathers_every_registered_app(client, owner, monkeypatch):
    event = calendars.CalendarEvent(uid="lab-session-11", title="Session #11", starts=datetime.date(2026, 3, 26))
    monkeypatch.setattr(calendars, "PERSON_PROVIDERS", [*calendars.PERSON_PROVIDERS, lambda *, person: [event]])
    token = person_calendar_token_regenerate(person=owner)

    feed = client.get(reverse("person_calendar", args=[token]))

    assert "Session #11" in feed.content.decode()


def test_asking_for_ones_data_opens_the_progress_page_of_a_new_job(
    client, owner, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my_data"))

    export = Export.objects.get(requested_by=owner)
    assert response["Location"] == reverse("export_detail", args=[export.pk])
    assert export.parameters["builder"] == "innovation.personal_data" and export.state == Export.State.DONE
    listed = client.get(reverse("my_data")).content.decode()
    assert reverse("export_detail", args=[export.pk]) in listed


@pytest.mark.parametrize("url_name", ["accessibility", "legal_notice", "privacy_policy"])
def test_the_information_pages_are_in_the_footer_of_every_page(client, url_name):
    html = client.get(reverse("home")).content.decode()

    assert f'href="{reverse(url_name)}"' in html
    assert "Accessibilité\u00a0: non conforme" in html  # the RGAA's wording, with French spacing


def test_the_accessibility_statement_reads_in_french_with_its_parts(client, settings):
    settings.CONTACT_EMAIL = "accessibilite@example.fr"

    html = client.get(reverse("accessibility")).content.decode()

    parts = [
        "État de conformité",
        "Défis est non conforme avec le RGAA",
        "Contenus non accessibles",
        "Non-conformités connues",
        "Retour d’information et contact",
        "accessibilite@example.fr",
        "Voies de recours",
        "Défenseur des droits",
        "axe-core",
    ]
    for part in parts:
        assert part in html, part


def test_the_personal_data_page_lists_exactly_the_cookies_set(client):
    html = client.get(reverse("privacy_policy")).content.decode()

    for cookie in ("sessionid", "csrftoken", "django_language"):
        assert f"<code>{cookie}</code>" in html
    assert html.count("<code>") == 3


def test_the_account_and_data_pages_keep_their_query_budget(client, owner):
    client.force_login(owner)
    ExportFactory(requested_by=owner, parameters={"builder": "innovation.personal_data"})
    few = {
        name: count_queries(get_ok(client, reverse(name))) for name in ("my_account", "my_data", "my_account_delete")
    }
    for _ in range(12):
        ExportFactory(requested_by=owner, parameters={"builder": "innovation.personal_data"})
    for name, small in few.items():
        assert_constant_queries(small, count_queries(get_ok(client, reverse(name))), what=name)


def test_the_open_data_page_keeps_its_query_budget(client):
    EditionFactory()
    small = count_queries(get_ok(client, reverse("opendata:index")))
    for _ in range(20):
        EditionFactory()

    assert_constant_queries(small, count_queries(get_ok(client, reverse("opendata:index"))), what="open data page")
