"""The notification outbox: write a row with the change, send it after the commit.

Every capability that tells somebody something calls :func:`notification_create`
inside its own transaction. The row is the truth; the Celery task is only a
nudge to send it, and :func:`notifications_sweep` re-sends what the broker lost.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from innovation.models import Delivery, Notification, NotificationPreference, User
from innovation.queue import task_send, task_send_on_commit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificationKind:
    """What a kind of notification looks like: its category and e-mail templates."""

    key: str
    category: str
    label: str
    # A kind that happens many times a day (a tester's feedback...) is never e-mailed on its own:
    # a person who chose immediate e-mails for its category gets it in the daily digest instead.
    digest_at_most: bool = False

    @property
    def template_prefix(self) -> str:
        return f"emails/{self.key}"


KINDS: dict[str, NotificationKind] = {}

# The categories a person can choose a delivery for, in the order the preferences page shows them.
# The core's own are here; an app adds its own with notification_category_register() in AppConfig.ready().
# A kind registered with a category missing here is delivered immediately (the default).
CATEGORIES: dict[str, Any] = {
    "account": _("Account and invitations"),
    "challenges": _("Challenges and teams"),
    "assessments": _("Assessments and reviews"),
    "reports": _("Reports and exports"),
    "reminders": _("Reminders"),
}


def notification_category_register(*, key: str, label: Any) -> None:
    """Offer a new category on the preferences page (``label`` is a lazy translation)."""
    CATEGORIES.setdefault(key, label)


# Always e-mailed at once, whatever is stored: a person must be able to get into their account.
LOCKED_CATEGORIES = frozenset({"account", "digest"})
# Kinds that exist for e-mail only: they are not listed in the notification centre.
HIDDEN_KINDS: set[str] = set()


def notification_kind_register(
    *, key: str, category: str, label: str, in_app: bool = True, digest_at_most: bool = False
) -> NotificationKind:
    kind = NotificationKind(key=key, category=category, label=label, digest_at_most=digest_at_most)
    KINDS[key] = kind
    if not in_app:
        HIDDEN_KINDS.add(key)
    return kind


def notification_category_label(*, category: str) -> Any:
    return CATEGORIES.get(category, category)


INVITATION = notification_kind_register(key="invitation", category="account", label=_("Invitation to Défis"))
DIGEST = notification_kind_register(key="digest", category="digest", label=_("Daily digest"), in_app=False)


class PreferenceLocked(ValueError):
    """This category is always delivered immediately; it cannot be changed."""


def notification_delivery_for(*, person: User, category: str) -> str:
    """How ``person`` receives notifications of ``category`` now (no stored choice: immediate)."""
    if category in LOCKED_CATEGORIES:
        return Delivery.IMMEDIATE
    stored = (
        NotificationPreference.objects.filter(person=person, category=category)
        .values_list("delivery", flat=True)
        .first()
    )
    return stored or Delivery.IMMEDIATE


def notification_preference_set(*, person: User, category: str, delivery: str) -> NotificationPreference:
    """Store ``person``'s choice for ``category``; refuses locked and unknown categories or deliveries."""
    if category in LOCKED_CATEGORIES:
        raise PreferenceLocked(category)
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    if delivery not in Delivery.values:
        raise ValueError(f"unknown delivery {delivery!r}")
    preference, _created = NotificationPreference.objects.update_or_create(
        person=person, category=category, defaults={"delivery": delivery}
    )
    return preference


@transaction.atomic
def notification_preferences_update(*, person: User, choices: Mapping[str, str]) -> None:
    """Store several choices at once (the preferences form)."""
    for category, delivery in choices.items():
        notification_preference_set(person=person, category=category, delivery=delivery)


def notification_mark_read(*, notification: Notification) -> bool:
    """Mark one notification read. Returns whether it was unread."""
    updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return bool(updated)


def notifications_mark_all_read(*, person: User) -> int:
    """Mark every unread notification of ``person`` read. Returns how many."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(read_at=timezone.now())


class NotificationDeliveryError(Exception):
    """Sending failed; the attempt and its error are recorded on the row."""


def notification_create(
    *, recipient: User, kind: NotificationKind, event_key: str, context: Mapping[str, Any]
) -> Notification:
    """Write one outbox row for ``recipient`` and enqueue its sending once the transaction commits.

    Calling it twice for the same (recipient, kind, event) returns the first row.
    The recipient's preference for the kind's category decides the delivery:
    immediate (e-mailed now), digest (e-mailed in the next daily digest) or
    off (shown on the site only); a kind registered ``digest_at_most`` is never
    e-mailed on its own. The row is written in every case.
    """
    delivery = notification_delivery_for(person=recipient, category=kind.category)
    if kind.digest_at_most and delivery == Delivery.IMMEDIATE:
        delivery = Delivery.DIGEST
    notification, created = Notification.objects.get_or_create(
        recipient=recipient,
        kind=kind.key,
        event_key=event_key,
        defaults={"context": dict(context), "delivery": delivery},
    )
    if created and delivery == Delivery.IMMEDIATE:
        _enqueue_on_commit([notification.pk])
    return notification


NOTIFICATION_SEND_TASK = "innovation.tasks.notification_send"


def _enqueue_on_commit(ids: Iterable[int]) -> None:
    for notification_id in ids:
        task_send_on_commit(NOTIFICATION_SEND_TASK, notification_id)


def _one_line(text: str) -> str:
    """A template's output on one line; the no-break spaces of French typography stay."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


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
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{_one_line(subject)}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )
    message.attach_alternative(html, "text/html")
    return message


# A claim older than this was left by a worker that died while sending: the row may be sent again.
# Far longer than any SMTP exchange (EMAIL_TIMEOUT bounds each one).
CLAIM_TIMEOUT = timedelta(minutes=15)


def _claim(notification_id: int) -> Notification | None:
    """Take the row for one sending, in a short transaction: one more attempt, and the claim's time.

    ``None`` when there is nothing to send: sent already, not for immediate e-mail, out of attempts, or
    being sent right now by another delivery of the same task.
    """
    now = timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.sent_at is not None:
            return None
        if notification.delivery != Delivery.IMMEDIATE:
            return None  # digest items leave inside the digest; "off" ones never by e-mail
        if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            return None
        if notification.sending_since is not None and notification.sending_since > now - CLAIM_TIMEOUT:
            return None
        notification.attempts += 1
        notification.sending_since = now
        notification.save(update_fields=["attempts", "sending_since"])
    return notification


def notification_send(*, notification_id: int) -> bool:
    """Send one notification unless it was already sent. Returns whether an e-mail left.

    The row is claimed in a short transaction, the e-mail leaves outside any transaction (no row lock
    is held while the SMTP server answers), then the outcome is recorded. Two deliveries of the same
    task send one e-mail: the second finds the row sent, or claimed. A failure is recorded (attempts,
    last error) and raised as :class:`NotificationDeliveryError` so that the task retries it.
    """
    notification = _claim(notification_id)
    if notification is None:
        return False
    try:
        notification_render(notification=notification).send()
    except Exception as exc:  # any transport error is recorded, then retried
        error = f"{type(exc).__name__}: {exc}"[:2000]
        Notification.objects.filter(pk=notification.pk).update(last_error=error, sending_since=None)
        logger.warning("Notification %s failed (attempt %s): %s", notification_id, notification.attempts, exc)
        raise NotificationDeliveryError(str(exc)) from exc
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now(), last_error="", sending_since=None)
    return True


def notifications_sweep(*, older_than: timedelta | None = None) -> int:
    """Re-enqueue unsent rows that still have attempts left. Returns how many."""
    if older_than is None:
        older_than = timedelta(seconds=settings.NOTIFICATION_SWEEP_AFTER_SECONDS)
    ids = list(
        Notification.objects.filter(
            sent_at__isnull=True,
            delivery=Delivery.IMMEDIATE,
            attempts__lt=settings.NOTIFICATION_MAX_ATTEMPTS,
            created_at__lte=timezone.now() - older_than,
        )
        .filter(Q(sending_since__isnull=True) | Q(sending_since__lte=timezone.now() - CLAIM_TIMEOUT))
        .values_list("pk", flat=True)[:1000]
    )
    for notification_id in ids:
        task_send(NOTIFICATION_SEND_TASK, notification_id)
    return len(ids)
