"""An edition's and a site's dates as iCalendar feeds, public like their pages, read back with icalendar."""

from __future__ import annotations

import datetime

import icalendar
from django.urls import reverse

from challenges.calendars import person_site_events
from challenges.models import TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok


def _events(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_an_edition_feed_has_the_edition_and_each_site_with_its_own_days(client, db):
    # Given an edition of 9-11 July 2018 whose Cluny site runs on the 10th only
    rennes = SiteFactory(place="Rennes")
    edition = rennes.edition
    SiteFactory(
        edition=edition, place="Cluny", starts_on=datetime.date(2018, 7, 10), ends_on=datetime.date(2018, 7, 10)
    )

    # When its feed is read
    events = _events(client.get(reverse("challenges:edition_calendar", args=[edition.pk])))

    # Then it holds the edition and both sites, each all-day with an exclusive end
    by_title = {str(event["summary"]): event for event in events}
    assert set(by_title) == {edition.title, f"{edition.title} — Rennes", f"{edition.title} — Cluny"}
    cluny = by_title[f"{edition.title} — Cluny"]
    assert cluny.decoded("dtstart") == datetime.date(2018, 7, 10)
    assert cluny.decoded("dtend") == datetime.date(2018, 7, 11)
    assert str(cluny["location"]) == "Cluny"


def test_a_site_without_dates_of_its_own_takes_its_editions(client, db):
    site = SiteFactory(place="La Réunion", starts_on=None, ends_on=None)

    [event] = _events(client.get(reverse("challenges:site_calendar", args=[site.pk])))

    assert event.decoded("dtstart") == site.edition.starts_on
    assert event.decoded("dtend") == site.edition.ends_on + datetime.timedelta(days=1)


def test_a_person_feed_lists_the_sites_they_facilitate_or_have_a_challenge_on(db, facilitator, owner, outsider):
    # Given a site run by the facilitator, and the owner on a challenge of another site
    run = SiteFactory(place="Rennes", facilitators=[facilitator])
    other = SiteFactory(place="Cluny")
    TeamMembershipFactory(challenge=ChallengeFactory(site=other), person=owner, role=TeamMembership.Role.OWNER)
    TeamMembershipFactory(challenge=ChallengeFactory(site=other), person=owner, role=TeamMembership.Role.OWNER)

    # Then each one's feed has their own sites, once each
    assert [event.location for event in person_site_events(person=facilitator)] == ["Rennes"]
    assert [event.uid for event in person_site_events(person=owner)] == [f"site-{other.pk}"]
    assert person_site_events(person=outsider) == []
    assert run.pk != other.pk


def test_the_edition_feed_makes_as_many_queries_for_3_sites_as_for_30(client, db):
    small = SiteFactory().edition
    for _ in range(2):
        SiteFactory(edition=small)
    large = SiteFactory().edition
    for _ in range(29):
        SiteFactory(edition=large)

    assert_constant_queries(
        count_queries(get_ok(client, reverse("challenges:edition_calendar", args=[small.pk]))),
        count_queries(get_ok(client, reverse("challenges:edition_calendar", args=[large.pk]))),
        what="edition calendar",
    )
