"""The iCalendar writer every feed uses, read back with the icalendar library."""

from __future__ import annotations

import datetime

import icalendar

from innovation import calendars


def _events(payload: bytes) -> list:
    return list(icalendar.Calendar.from_ical(payload).walk("VEVENT"))


def test_an_all_day_event_ends_the_day_after_its_last_day():
    # Given a three-day site, 9 to 11 July 2018
    event = calendars.CalendarEvent(
        uid="site-1", title="Rennes", starts=datetime.date(2018, 7, 9), ends=datetime.date(2018, 7, 11)
    )
    # When it is written
    [read] = _events(calendars.calendar_build(name="Université d'été", events=[event]))
    # Then it covers the 9th, 10th and 11th (DTEND is exclusive)
    assert read.decoded("dtstart") == datetime.date(2018, 7, 9)
    assert read.decoded("dtend") == datetime.date(2018, 7, 12)
    assert str(read["summary"]) == "Rennes"


def test_a_timed_event_keeps_its_times_place_and_a_stable_uid(settings):
    settings.SITE_URL = "https://defis.example.fr"
    starts = datetime.datetime(2026, 3, 26, 9, 30, tzinfo=datetime.UTC)
    event = calendars.CalendarEvent(
        uid="lab-session-11",
        title="Session #11",
        starts=starts,
        ends=starts + datetime.timedelta(hours=8),
        location="Toulouse",
        url="https://defis.example.fr/labos/",
    )
    [read] = _events(calendars.calendar_build(name="La Transfo", events=[event]))
    assert read.decoded("dtstart") == starts
    assert read.decoded("dtend") == starts + datetime.timedelta(hours=8)
    assert str(read["location"]) == "Toulouse"
    assert str(read["uid"]) == "lab-session-11@defis.example.fr"


def test_a_person_feed_gathers_the_events_every_registered_app_lists(db, owner):
    event = calendars.CalendarEvent(uid="x-1", title="Exposition", starts=datetime.date(2018, 7, 11))

    def provider(*, person):
        return [event] if person == owner else []

    calendars.calendar_provider_register(provider)
    try:
        assert calendars.person_events(person=owner) == [event]
    finally:
        calendars.PERSON_PROVIDERS.remove(provider)


def test_the_response_is_a_calendar_file():
    response = calendars.calendar_response(name="Vide", events=[], filename="vide")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert icalendar.Calendar.from_ical(response.content)["x-wr-calname"] == "Vide"
