"""The daily digest: one e-mail per person gathering the notifications they chose to receive that way.

A notification written with ``delivery=digest`` waits (``digested_at`` empty).
Once a day, :func:`digests_send` writes for each person with waiting items one
``digest`` notification (event ``digest:<date>``) through the outbox, with a
snapshot of the items grouped by category, and stamps the items. Both happen
in one transaction, and the unique (recipient, kind, event) constraint of the
outbox means a second run on the same day sends nothing more.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from innovation.models import Delivery, Notification, User
from innovation.services import notifications

logger = logging.getLogger(__name__)


def digest_event_key(*, day: datetime.date) -> str:
    return f"digest:{day.isoformat()}"


def digest_pending_recipient_ids() -> list[int]:
    """The people with at least one notification waiting for a digest."""
    return list(
        Notification.objects.filter(delivery=Delivery.DIGEST, digested_at__isnull=True)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def digest_groups(*, items: list[Notification]) -> list[dict[str, Any]]:
    """Group items by category, newest item first in each group; groups ordered by their newest item.

    Returns JSON-ready dicts (the digest row keeps them as its context).
    """
    ordered = sorted(items, key=lambda item: (item.created_at, item.pk), reverse=True)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in ordered:
        kind = notifications.KINDS.get(item.kind)
        category = kind.category if kind else "other"
        groups[category].append(
            {"id": item.pk, "kind": item.kind, "created_at": item.created_at.isoformat(), "context": item.context}
        )
    # dicts keep insertion order: the first group is the one holding the newest item.
    return [{"category": category, "items": group} for category, group in groups.items()]


def digest_send_for(*, person: User, day: datetime.date) -> Notification | None:
    """Write ``person``'s digest for ``day`` if they have waiting items and none was written that day.

    Returns the digest row, or ``None`` when there was nothing to do.
    """
    with transaction.atomic():
        # Lock the waiting items: a concurrent run waits here, then finds them stamped.
        items = list(
            Notification.objects.select_for_update()
            .filter(recipient=person, delivery=Delivery.DIGEST, digested_at__isnull=True)
            .order_by("-created_at", "-id")
        )
        if not items:
            return None
        event_key = digest_event_key(day=day)
        if Notification.objects.filter(recipient=person, kind=notifications.DIGEST.key, event_key=event_key).exists():
            return None  # today's digest left already; these items wait for tomorrow's
        digest = notifications.notification_create(
            recipient=person,
            kind=notifications.DIGEST,
            event_key=event_key,
            context={"day": day.isoformat(), "count": len(items), "groups": digest_groups(items=items)},
        )
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(digested_at=timezone.now())
    return digest


def digests_send(*, day: datetime.date) -> int:
    """Write the digests of ``day`` for everybody with waiting items (one transaction per person).

    Returns how many digests were written. Running it twice the same day writes no more.
    """
    written = 0
    people = User.objects.filter(pk__in=digest_pending_recipient_ids(), is_active=True)
    for person in people:
        if digest_send_for(person=person, day=day) is not None:
            written += 1
    logger.info("Digests of %s: %s written", day, written)
    return written
