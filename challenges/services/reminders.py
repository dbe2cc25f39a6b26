"""Reminders before a site starts, through the notification outbox.

Once a day :func:`site_reminders_send` looks for the sites that start the next
day and writes one notification per person concerned: the site's facilitators
and the team members of its challenges. The event key names the site and its
first day, so a second run (or a retry) never writes a second reminder, and a
site moved to another day gets a reminder for its new date.

Test sessions and lab sessions are not modelled yet; their reminders will use
the same kind of event key once they are.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from challenges.models import Site, TeamMembership
from innovation.models import Notification, User
from innovation.services import notifications

SITE_REMINDER = notifications.notification_kind_register(
    key="site_reminder", category="reminders", label=_("A site starts tomorrow")
)


def site_reminder_event_key(*, site: Site) -> str:
    return f"site-reminder:{site.pk}:{site.starts_on}"


def site_reminder_recipients(*, site: Site) -> dict[User, list[dict[str, object]]]:
    """Who is reminded: the facilitators and every team member, each with their challenges on the site.

    A challenge is its number and question: the e-mail words them in each recipient's language.
    """
    recipients: dict[User, list[dict[str, object]]] = {}
    for facilitator in site.facilitators.filter(is_active=True):
        recipients.setdefault(facilitator, [])
    memberships = (
        TeamMembership.objects.filter(challenge__site=site, person__is_active=True)
        .select_related("person", "challenge")
        .order_by("challenge__number", "id")
    )
    for membership in memberships:
        challenge = membership.challenge
        recipients.setdefault(membership.person, []).append(
            {"number": challenge.number, "question": challenge.question}
        )
    return recipients


@transaction.atomic
def site_reminders_send(*, today: datetime.date) -> int:
    """Write the reminders of the sites starting the day after ``today``. Returns how many rows were new."""
    tomorrow = today + datetime.timedelta(days=1)
    written = 0
    for site in Site.objects.filter(starts_on=tomorrow).select_related("edition"):
        event_key = site_reminder_event_key(site=site)
        already = set(
            Notification.objects.filter(kind=SITE_REMINDER.key, event_key=event_key).values_list(
                "recipient_id", flat=True
            )
        )
        for person, challenges in site_reminder_recipients(site=site).items():
            if person.pk in already:
                continue
            notifications.notification_create(
                recipient=person,
                kind=SITE_REMINDER,
                event_key=event_key,
                context={
                    "site_id": site.pk,
                    "place": site.place,
                    "edition": site.edition.title,
                    "starts_on": site.starts_on.isoformat(),
                    "challenges": challenges,
                },
            )
            written += 1
    return written
