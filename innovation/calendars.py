"""iCalendar feeds (RFC 5545): the one way every app publishes its dates (sites, test sessions, lab sessions).

An app turns its rows into :class:`CalendarEvent` values and answers :func:`calendar_response`. For each
person's own feed, an app registers with :func:`calendar_provider_register` a function that lists the
events this person takes part in; :func:`person_events` gathers them from every app.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

PRODUCT_ID = "-//Défis//Calendriers//FR"


@dataclass(frozen=True)
class CalendarEvent:
    """One event. Dates (not datetimes) make an all-day event; ``ends`` is the last day or the end time."""

    uid: str  # stable across feeds and updates, e.g. "site-12"
    title: str
    starts: datetime.date | datetime.datetime
    ends: datetime.date | datetime.datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""


def _end(event: CalendarEvent) -> datetime.date | datetime.datetime:
    ends = event.ends or event.starts
    if isinstance(ends, datetime.datetime):
        return ends
    # An all-day event's DTEND is the day after its last day (RFC 5545, 3.6.1).
    return ends + datetime.timedelta(days=1)


def calendar_build(*, name: str, events: Iterable[CalendarEvent]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "defis"
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"{event.uid}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        entry.add("dtstart", event.starts)
        entry.add("dtend", _end(event))
        if event.location:
            entry.add("location", event.location)
        if event.description:
            entry.add("description", event.description)
        if event.url:
            entry.add("url", event.url)
        calendar.add_component(entry)
    return calendar.to_ical()


def calendar_response(*, name: str, events: Iterable[CalendarEvent], filename: str) -> HttpResponse:
    response = HttpResponse(calendar_build(name=name, events=events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


PersonEvents = Callable[..., Iterable[CalendarEvent]]

# Filled by the apps in AppConfig.ready(): each lists the events a person takes part in.
PERSON_PROVIDERS: list[PersonEvents] = []


def calendar_provider_register(provider: PersonEvents) -> None:
    """``provider(*, person)`` returns the events ``person`` takes part in, for their own feed."""
    if provider not in PERSON_PROVIDERS:
        PERSON_PROVIDERS.append(provider)


def person_events(*, person) -> list[CalendarEvent]:
    return [event for provider in PERSON_PROVIDERS for event in provider(person=person)]
