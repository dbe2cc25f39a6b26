"""What test sessions tell people, through the outbox (category « Séances de test »).

- a session opens: each team with a stand, with the link to its stand's poster;
- testers give feedback: the stand's team, once a day per stand, never more than in the daily digest;
- the day before a session: its site's facilitators and the teams with a stand;
- a session closes: its site's facilitators, with the coverage summary.

Each notification's event key names its event, so a retry never notifies anybody twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from challenges.models import TeamMembership
from innovation.models import Notification, User
from innovation.services.notifications import (
    notification_category_register,
    notification_create,
    notification_kind_register,
)
from testsessions.models import Feedback, Stand, TestSession

notification_category_register(key="testsessions", label=_("Test sessions"))

SESSION_OPENED = notification_kind_register(
    key="testsession_opened", category="testsessions", label=_("A test session is open")
)
FEEDBACK_RECEIVED = notification_kind_register(
    key="testsession_feedback", category="testsessions", label=_("New feedback on your stand"), digest_at_most=True
)
SESSION_REMINDER = notification_kind_register(
    key="testsession_reminder", category="testsessions", label=_("A test session takes place tomorrow")
)
SESSION_CLOSED = notification_kind_register(
    key="testsession_closed", category="testsessions", label=_("A test session is closed")
)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _session_context(session: TestSession) -> dict[str, Any]:
    return {
        "session_id": session.pk,
        "title": session.title,
        "place": session.place,
        "site": session.site.place,
        "starts_at": timezone.localtime(session.starts_at).isoformat(),
        "ends_at": timezone.localtime(session.ends_at).isoformat(),
    }


def _team_members(challenge_ids: Iterable[int]) -> list[TeamMembership]:
    return list(
        TeamMembership.objects.filter(challenge_id__in=list(challenge_ids), person__is_active=True)
        .select_related("person")
        .order_by("challenge_id", "id")
    )


def _stand_label(stand: Stand, person: User) -> str:
    """The stand's label in ``person``'s language: the notification is theirs, whoever's action wrote it."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        return stand.label


def notify_stands_opened(*, session: TestSession, stands: Iterable[Stand]) -> int:
    """Tell each team of ``stands`` that the session is open, with its poster. Returns how many rows."""
    stands = list(stands)
    by_challenge = {stand.challenge_id: stand for stand in stands}
    written = 0
    for membership in _team_members(by_challenge):
        stand = by_challenge[membership.challenge_id]
        notification_create(
            recipient=membership.person,
            kind=SESSION_OPENED,
            event_key=f"testsession-opened:{session.pk}:{stand.pk}",
            context={
                **_session_context(session),
                "stand": _stand_label(stand, membership.person),
                "summary": str(stand.challenge),
                "url": _absolute(reverse("challenges:challenge_detail", args=[stand.challenge_id])),
                "poster_url": _absolute(reverse("testsessions:stand_poster", args=[stand.pk])),
                "stand_url": _absolute(reverse("testsessions:stand", args=[stand.token])),
            },
        )
        written += 1
    return written


def feedback_event_key(*, feedback: Feedback) -> str:
    """One event per stand and day: the team's digest says « new feedback on your stand », not forty lines."""
    return f"testsession-feedback:{feedback.stand_id}:{timezone.localdate(feedback.created_at).isoformat()}"


def notify_feedback(*, feedback: Feedback) -> int:
    """Tell the stand's team that testers answered today (at most in the daily digest). Returns how many rows.

    The first feedback of the day on a stand writes the rows; the next ones find them and write nothing.
    """
    stand = feedback.stand
    event_key = feedback_event_key(feedback=feedback)
    told = set(
        Notification.objects.filter(kind=FEEDBACK_RECEIVED.key, event_key=event_key).values_list(
            "recipient_id", flat=True
        )
    )
    written = 0
    for membership in _team_members([stand.challenge_id]):
        if membership.person_id in told:
            continue
        notification_create(
            recipient=membership.person,
            kind=FEEDBACK_RECEIVED,
            event_key=event_key,
            context={
                "title": stand.session.title,
                "stand": _stand_label(stand, membership.person),
                "summary": str(stand.challenge),
                "url": _absolute(reverse("challenges:challenge_detail", args=[stand.challenge_id])) + "#test-feedback",
            },
        )
        written += 1
    return written


def notify_session_closed(*, session: TestSession, summary: dict[str, Any]) -> int:
    written = 0
    for person in session.site.facilitators.filter(is_active=True).order_by("pk"):
        notification_create(
            recipient=person,
            kind=SESSION_CLOSED,
            event_key=f"testsession-closed:{session.pk}",
            context={
                **_session_context(session),
                **summary,
                "url": _absolute(reverse("testsessions:session_detail", args=[session.pk])),
            },
        )
        written += 1
    return written


def session_reminder_event_key(*, session: TestSession) -> str:
    return f"testsession-reminder:{session.pk}:{timezone.localtime(session.starts_at).date().isoformat()}"


@transaction.atomic
def session_reminders_send(*, today: datetime.date) -> int:
    """Remind the facilitators and the teams of the sessions starting the day after ``today``.

    Returns how many rows were new. The event key names the session and its day: a second run writes
    nothing, and a session moved to another day is reminded again for its new day.
    """
    tomorrow = today + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    sessions = (
        TestSession.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(state=TestSession.State.CLOSED)
        .select_related("site")
    )
    written = 0
    for session in sessions:
        event_key = session_reminder_event_key(session=session)
        already = set(
            Notification.objects.filter(kind=SESSION_REMINDER.key, event_key=event_key).values_list(
                "recipient_id", flat=True
            )
        )
        recipients: dict[int, tuple[User, list[str]]] = {}
        for person in session.site.facilitators.filter(is_active=True):
            recipients.setdefault(person.pk, (person, []))
        stands_by_team = {stand.challenge_id: stand for stand in session.stands.only("challenge_id", "position")}
        for membership in _team_members(stands_by_team):
            recipients.setdefault(membership.person_id, (membership.person, []))[1].append(
                _stand_label(stands_by_team[membership.challenge_id], membership.person)
            )
        for person_id, (person, stands) in recipients.items():
            if person_id in already:
                continue
            notification_create(
                recipient=person,
                kind=SESSION_REMINDER,
                event_key=event_key,
                context={
                    **_session_context(session),
                    "stands": stands,
                    "url": _absolute(reverse("testsessions:site_sessions", args=[session.site_id])),
                },
            )
            written += 1
    return written
