"""The notification outbox: write a row with the change, send it after the commit.

Every capability that tells somebody something calls :func:`notification_create`
inside its own transaction. The row is the truth; the Celery task is only a
nudge to send it, and :func:`notifications_sweep` re-sends what the broker lost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from innovation.models import Notification, User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificationKind:
    """What a kind of notification looks like: its category and e-mail templates."""

    key: str
    category: str
    label: str

    @property
    def template_prefix(self) -> str:
        return f"emails/{self.key}"


KINDS: dict[str, NotificationKind] = {}


def notification_kind_register(*, key: str, category: str, label: str) -> NotificationKind:
    kind = NotificationKind(key=key, category=category, label=label)
    KINDS[key] = kind
    return kind


INVITATION = notification_kind_register(key="invitation", category="account", label=_("Invitation to Défis"))


class NotificationDeliveryError(Exception):
    """Sending failed; the attempt and its error are recorded on the row."""


def notification_create(
    *, recipient: User, kind: NotificationKind, event_key: str, context: Mapping[str, Any]
) -> Notification:
    """Write one outbox row for ``recipient`` and enqueue its sending once the transaction commits.

    Calling it twice for the same (recipient, kind, event) returns the first row.
    """
    notification, created = Notification.objects.get_or_create(
        recipient=recipient, kind=kind.key, event_key=event_key, defaults={"context": dict(context)}
    )
    if created:
        _enqueue_on_commit([notification.pk])
    return notification


def _enqueue_on_commit(ids: Iterable[int]) -> None:
    from innovation.tasks import notification_send

    for notification_id in ids:
        transaction.on_commit(lambda pk=notification_id: notification_send.delay(pk))


def notification_render(*, notification: Notification) -> EmailMultiAlternatives:
    """Build the e-mail in the recipient's language, plain text and HTML."""
    kind = KINDS[notification.kind]
    context = {
        **notification.context,
        "recipient": notification.recipient,
        "site_url": settings.SITE_URL,
    }
    with translation.override(notification.recipient.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{kind.template_prefix}/subject.txt", context).strip()
        text = render_to_string(f"{kind.template_prefix}/body.txt", context)
        html = render_to_string(f"{kind.template_prefix}/body.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def notification_send(*, notification_id: int) -> bool:
    """Send one notification unless it was already sent. Returns whether an e-mail left.

    The row is locked while sending, so two deliveries of the same task send
    one e-mail. A failure is recorded (attempts, last error) and raised as
    :class:`NotificationDeliveryError` so that the task retries it.
    """
    failure: Exception | None = None
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.sent_at is not None:
            return False
        if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            return False
        notification.attempts += 1
        try:
            notification_render(notification=notification).send()
        except Exception as exc:  # any transport error is recorded, then retried
            failure = exc
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            notification.save(update_fields=["attempts", "last_error"])
        else:
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.save(update_fields=["attempts", "sent_at", "last_error"])
    if failure is not None:
        logger.warning("Notification %s failed (attempt %s): %s", notification_id, notification.attempts, failure)
        raise NotificationDeliveryError(str(failure)) from failure
    return True


def notifications_sweep(*, older_than: timedelta | None = None) -> int:
    """Re-enqueue unsent rows that still have attempts left. Returns how many."""
    if older_than is None:
        older_than = timedelta(seconds=settings.NOTIFICATION_SWEEP_AFTER_SECONDS)
    from innovation.tasks import notification_send

    ids = list(
        Notification.objects.filter(
            sent_at__isnull=True,
            attempts__lt=settings.NOTIFICATION_MAX_ATTEMPTS,
            created_at__lte=timezone.now() - older_than,
        ).values_list("pk", flat=True)[:1000]
    )
    for notification_id in ids:
        notification_send.delay(notification_id)
    return len(ids)
