"""A site's test sessions as an iCalendar feed, and each person's sessions in their own feed."""

from __future__ import annotations

import icalendar
import pytest
from django.urls import reverse

from innovation.calendars import person_events
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_site_feed_lists_the_sessions_that_are_not_drafts(client, sessions):
    response = client.get(reverse("testsessions:site_calendar", args=[sessions["site"].pk]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Exposition des prototypes · Rennes"]
    assert events[0]["dtstart"].dt == sessions["session"].starts_at
    assert str(events[0]["location"]) == "Grande salle, Rennes"


def test_a_person_s_feed_has_their_team_s_sessions_and_the_ones_they_facilitate(sessions, owner, facilitator, outsider):
    other_team_member = UserFactory()
    sessions["other_stand"].challenge.team.create(person=other_team_member, role="owner")

    def uids(person):
        return sorted(event.uid for event in person_events(person=person) if event.uid.startswith("test-session"))

    assert uids(owner) == [f"test-session-{sessions['session'].pk}"]
    assert uids(facilitator) == [f"test-session-{sessions['session'].pk}"]
    assert uids(other_team_member) == [f"test-session-{sessions['other_session'].pk}"]
    assert uids(outsider) == []
