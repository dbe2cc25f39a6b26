"""Lab sessions as calendar events: the lab's feed, and each person's own feed (their registrations)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from innovation.calendars import CalendarEvent
from labs.models import Lab, LabSession


def _event(session: LabSession) -> CalendarEvent:
    return CalendarEvent(
        uid=f"lab-session-{session.pk}",
        title=f"{session.lab.name} · Session #{session.number} – {session.title}",
        starts=session.starts_on,
        ends=session.ends_on,
        location=session.place,
        url=settings.SITE_URL + reverse("labs:session_detail", args=[session.pk]),
    )


def lab_calendar_events(*, lab: Lab) -> list[CalendarEvent]:
    """Every session of the lab: what its public page announces (number, title, place, days)."""
    return [_event(session) for session in LabSession.objects.filter(lab=lab).select_related("lab")]


def person_lab_session_events(*, person) -> list[CalendarEvent]:
    """The sessions ``person`` registered to or attended, for their own feed."""
    sessions = LabSession.objects.filter(registrations__person=person).select_related("lab").distinct()
    return [_event(session) for session in sessions]
