"""The versioned charter: a coordinator publishes the next version, members accept it, laggards are reminded.

Publishing locks the network's row and checks the version the coordinator started from, so two
publications at once (a double click, two coordinators) give one new version: the second is refused
with a message and keeps its text in the form.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovation.models import Notification, User
from innovation.services.notifications import notification_create
from labs.models import AuditEntry, Charter, CharterAcceptance, Network, NetworkMembership
from labs.services import kinds
from labs.services.audit import audit_record

# Members who have not accepted the current version this many days after it was published are reminded.
CHARTER_REMINDER_AFTER_DAYS = 7


class CharterError(Exception):
    """The charter cannot be accepted; the message is for the person."""


def charter_current(*, network: Network) -> Charter | None:
    return Charter.objects.filter(network=network).order_by("-version").first()


def _active_members(network: Network):
    return User.objects.filter(
        is_active=True,
        network_memberships__network=network,
        network_memberships__status=NetworkMembership.Status.ACTIVE,
    )


@transaction.atomic
def charter_publish(
    *, network: Network, actor: User, text: str, summary: str = "", base_version: int | None
) -> Charter:
    """Publish the next version of the charter, written from ``base_version`` (``None``: the first one)."""
    network = Network.objects.select_for_update().select_related("lab").get(pk=network.pk)
    latest = charter_current(network=network)
    text = text.strip()
    summary = summary.strip()
    current_version = latest.version if latest else None
    if current_version != base_version:
        raise ValidationError(
            {
                "text": ValidationError(
                    _(
                        "Version %(version)s of the charter was published while you were writing: "
                        "read it, then publish yours again."
                    ),
                    code="stale",
                    params={"version": current_version},
                )
            }
        )
    errors: dict[str, ValidationError] = {}
    if not text:
        errors["text"] = ValidationError(_("Write the text of the charter."), code="required")
    elif latest is not None and text == latest.text.strip():
        errors["text"] = ValidationError(
            _("This text is the current version: change it to publish a new one."), code="unchanged"
        )
    if latest is not None and not summary:
        errors["summary"] = ValidationError(
            _("Sum up what changed: members read it before accepting again."), code="required"
        )
    if errors:
        raise ValidationError(errors)
    charter = Charter.objects.create(
        network=network, version=(current_version or 0) + 1, text=text, summary=summary, published_by=actor
    )
    audit_record(
        lab=network.lab,
        network=network,
        actor=actor,
        action=AuditEntry.Action.CHARTER_PUBLISHED,
        subject=str(_("Charter")),
        changes={"version": [current_version, charter.version], "summary": [None, summary]},
    )
    url = settings.SITE_URL + reverse("labs:charter_version", args=[network.pk, charter.version])
    for member in _active_members(network).exclude(pk=actor.pk):
        notification_create(
            recipient=member,
            kind=kinds.CHARTER_PUBLISHED,
            event_key=f"labs-charter:{charter.pk}",
            context={"network": network.name, "version": charter.version, "summary": summary, "url": url},
        )
    return charter


def charter_accept(*, charter: Charter, person: User) -> CharterAcceptance:
    """``person`` accepts this version. Only a member does, and only the current version; twice changes nothing."""
    if not NetworkMembership.objects.filter(
        network_id=charter.network_id, person=person, status=NetworkMembership.Status.ACTIVE
    ).exists():
        raise CharterError(_("Only the network's members accept its charter."))
    if charter_current(network=charter.network) != charter:
        raise CharterError(_("A newer version of the charter was published: read it, then accept it."))
    acceptance, _created = CharterAcceptance.objects.get_or_create(charter=charter, person=person)
    return acceptance


@transaction.atomic
def charter_reminders_send(*, today: datetime.date) -> int:
    """Remind, once per version, the members who have not accepted the current charter a week after it was
    published. Returns how many reminders were written; running it again writes none."""
    limit = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=CHARTER_REMINDER_AFTER_DAYS), datetime.time.max)
    )
    written = 0
    for network in Network.objects.select_related("lab"):
        charter = charter_current(network=network)
        if charter is None or charter.published_at > limit:
            continue
        event_key = f"labs-charter-reminder:{charter.pk}"
        already = set(
            Notification.objects.filter(kind=kinds.CHARTER_REMINDER.key, event_key=event_key).values_list(
                "recipient_id", flat=True
            )
        )
        accepted = set(charter.acceptances.values_list("person_id", flat=True))
        url = settings.SITE_URL + reverse("labs:charter_version", args=[network.pk, charter.version])
        for member in _active_members(network).exclude(pk__in=accepted | already):
            notification_create(
                recipient=member,
                kind=kinds.CHARTER_REMINDER,
                event_key=event_key,
                context={"network": network.name, "version": charter.version, "url": url},
            )
            written += 1
    return written
