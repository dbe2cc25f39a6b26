"""Personal data: what each app holds about a person (GDPR articles 15 and 20) and what it erases (article 17).

The core imports no app, so each app tells it, in its ``AppConfig.ready()``:

- ``personal_data_register(name="memberships", provider=provider)``: ``provider(*, person)`` returns the rows
  the app holds about ``person`` (dicts of JSON-friendly values); each name becomes a JSON and a CSV file
  of the person's download (:mod:`innovation.services.privacy`);
- ``personal_data_eraser_register(eraser)``: ``eraser(*, person)`` runs inside the erasure's transaction,
  before the person's own row is anonymised. It deletes what is only about the person (memberships,
  drafts, preferences...) and leaves their contributions (challenges they wrote, submitted assessments,
  audit entries) pointing at the person's row, which then reads « Utilisateur supprimé ».

A new app adds a ``privacy.py`` with its provider and eraser, and registers both in its ``ready()``.

Why anonymise the person's row rather than hand the contributions to one shared placeholder person:
every foreign key stays as it is, so no app has to move rows, no unique constraint (one membership
per challenge, one answer per criterion...) can collide, and two deleted reviewers of a challenge stay
two different columns of its comparison table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.files.storage import default_storage
from django.db import transaction

from innovation.models import Export, Invitation, Notification, NotificationPreference, User

Rows = Iterable[Mapping[str, Any]]
Provider = Callable[..., Rows]
Eraser = Callable[..., object]

# Filled by the apps in AppConfig.ready(), in the order of INSTALLED_APPS.
PROVIDERS: dict[str, Provider] = {}
ERASERS: list[Eraser] = []


def personal_data_register(name: str, provider: Provider) -> None:
    """``provider(*, person)`` lists the rows the app holds about ``person``: one file ``name`` of the download."""
    PROVIDERS[name] = provider


def personal_data_eraser_register(eraser: Eraser) -> None:
    """``eraser(*, person)`` deletes what the app holds only about ``person`` (inside the erasure transaction)."""
    if eraser not in ERASERS:
        ERASERS.append(eraser)


def personal_data_of(*, person: User) -> dict[str, list[dict[str, Any]]]:
    """Every registered section of ``person``'s data, by name."""
    return {name: [dict(row) for row in provider(person=person)] for name, provider in PROVIDERS.items()}


# --- The core's own part ----------------------------------------------------------


def profile_rows(*, person: User) -> Rows:
    yield {
        "email": person.email,
        "display_name": person.display_name,
        "job_title": person.job_title,
        "organisation": person.organisation.name if person.organisation_id else "",
        "language": person.language,
        "is_staff": person.is_staff,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=person).order_by("email")
        ],
        # The kinds of second factor only: their secrets stay out of any file.
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=person).values_list("type", flat=True).distinct()
        ),
        "calendar_feed": bool(person.calendar_token),
    }


def notification_rows(*, person: User) -> Rows:
    return (
        Notification.objects.filter(recipient=person)
        .order_by("created_at", "id")
        .values("kind", "created_at", "sent_at", "read_at", "delivery", "context")
    )


def notification_preference_rows(*, person: User) -> Rows:
    return (
        NotificationPreference.objects.filter(person=person)
        .order_by("category")
        .values("category", "delivery", "updated_at")
    )


def export_rows(*, person: User) -> Rows:
    return (
        Export.objects.filter(requested_by=person)
        .order_by("created_at", "id")
        .values("title", "format", "state", "created_at", "finished_at", "expires_at")
    )


def invitation_rows(*, person: User) -> Rows:
    return (
        Invitation.objects.filter(person=person)
        .order_by("created_at", "id")
        .values("purpose", "next_url", "created_at", "accepted_at")
    )


def core_erase(*, person: User) -> None:
    """What the core holds only about the person: messages, choices, files asked for, invitations, logins."""
    files = list(Export.objects.filter(requested_by=person).exclude(file="").values_list("file", flat=True))
    Export.objects.filter(requested_by=person).delete()
    # Files are not transactional: they go once the erasure is committed, never before.
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files])
    Notification.objects.filter(recipient=person).delete()
    NotificationPreference.objects.filter(person=person).delete()
    Invitation.objects.filter(person=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()


def core_register() -> None:
    personal_data_register("profile", profile_rows)
    personal_data_register("notifications", notification_rows)
    personal_data_register("notification_preferences", notification_preference_rows)
    personal_data_register("exports", export_rows)
    personal_data_register("invitations", invitation_rows)
    personal_data_eraser_register(core_erase)
