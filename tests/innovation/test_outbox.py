"""The notification outbox: one row per recipient and event, sent once, retried on failure, swept."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

import psycopg
import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from innovation import tasks
from innovation.models import Notification
from innovation.services import notifications
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED_SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 9,  # discard port: nothing listens, the connection is refused
    "EMAIL_TIMEOUT": 2,
}


def test_same_event_for_same_person_writes_one_row():
    person = UserFactory()
    context = {"invited_by": "", "purpose": "", "accept_url": "http://x", "max_age_days": 14}

    first = notifications.notification_create(
        recipient=person, kind=notifications.INVITATION, event_key="e1", context=context
    )
    second = notifications.notification_create(
        recipient=person, kind=notifications.INVITATION, event_key="e1", context=context
    )

    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_task_run_twice_sends_one_email():
    notification = NotificationFactory()

    tasks.notification_send.apply(args=[notification.pk])
    tasks.notification_send.apply(args=[notification.pk])

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.attempts == 1


def test_email_is_rendered_in_the_recipients_language():
    english = NotificationFactory(recipient=UserFactory(language="en"))
    french = NotificationFactory(recipient=UserFactory(language="fr"))

    notifications.notification_send(notification_id=english.pk)
    notifications.notification_send(notification_id=french.pk)

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[english.recipient.email] == "[Défis] You are invited to Défis"
    assert subjects[french.recipient.email] == "[Défis] Vous êtes invité·e sur Défis"


def test_smtp_failure_records_the_error_and_raises_for_a_retry(settings):
    for key, value in CLOSED_SMTP.items():
        setattr(settings, key, value)
    notification = NotificationFactory()

    with pytest.raises(notifications.NotificationDeliveryError):
        notifications.notification_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert "ConnectionRefusedError" in notification.last_error


def test_task_retries_a_failing_smtp_a_bounded_number_of_times(settings):
    for key, value in CLOSED_SMTP.items():
        setattr(settings, key, value)
    notification = NotificationFactory()

    result = tasks.notification_send.apply(args=[notification.pk])

    assert result.failed()
    notification.refresh_from_db()
    assert notification.attempts == settings.NOTIFICATION_MAX_ATTEMPTS
    assert notification.sent_at is None
    # Once the attempts are spent, the sweep leaves the row alone (an operator looks at last_error).
    assert notifications.notifications_sweep(older_than=timedelta(0)) == 0


def test_a_failed_row_is_sent_when_the_server_is_back():
    notification = NotificationFactory(attempts=2, last_error="ConnectionRefusedError")

    tasks.notification_send.apply(args=[notification.pk])

    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.last_error == ""
    assert len(mail.outbox) == 1


def test_sweep_resends_unsent_rows_older_than_the_grace_period_only():
    old = NotificationFactory()
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    NotificationFactory()  # just written: its own task is still on its way
    NotificationFactory(sent_at=timezone.now())

    count = notifications.notifications_sweep(older_than=timedelta(minutes=2))

    assert count == 1
    assert [message.to[0] for message in mail.outbox] == [old.recipient.email]


class _ProbingBackend(BaseEmailBackend):
    """Sends nothing; looks at the row from elsewhere while "the SMTP server" is answering."""

    seen: ClassVar[list[dict]] = []

    def send_messages(self, messages):
        notification_id = int(messages[0].extra_headers["X-Test-Notification"])
        with psycopg.connect(**_dsn(), autocommit=True) as other:
            try:
                row = other.execute(
                    "SELECT attempts, sending_since IS NOT NULL FROM innovation_notification"
                    " WHERE id = %s FOR UPDATE NOWAIT",
                    [notification_id],
                ).fetchone()
                self.seen.append({"locked": False, "attempts": row[0], "claimed": row[1]})
            except psycopg.errors.LockNotAvailable:
                self.seen.append({"locked": True})
        # A second delivery of the same task, arriving while this one is sending
        self.seen[-1]["second_delivery_sent"] = notifications.notification_send(notification_id=notification_id)
        return len(messages)


def _dsn() -> dict:
    from django.db import connection

    db = connection.settings_dict
    return {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
    }


@pytest.mark.django_db(transaction=True)
def test_the_row_is_claimed_not_locked_while_the_email_leaves(settings, monkeypatch):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's here")
    # Given a notification, and an SMTP server that looks at the row from another connection while it answers
    settings.EMAIL_BACKEND = f"{__name__}._ProbingBackend"
    _ProbingBackend.seen = []
    notification = NotificationFactory()
    render = notifications.notification_render

    def render_with_id(*, notification):
        message = render(notification=notification)
        message.extra_headers["X-Test-Notification"] = str(notification.pk)
        return message

    monkeypatch.setattr(notifications, "notification_render", render_with_id)

    # When it is sent
    assert notifications.notification_send(notification_id=notification.pk) is True

    # Then while the e-mail was leaving, the row was claimed (committed) and not locked,
    # a second delivery sent nothing, and the outcome is recorded once done
    assert _ProbingBackend.seen == [{"locked": False, "attempts": 1, "claimed": True, "second_delivery_sent": False}]
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.sending_since is None and notification.attempts == 1


def test_a_claim_left_by_a_worker_that_died_is_taken_again_after_its_timeout():
    # Given a row claimed 16 minutes ago by a worker that never came back, and one claimed just now
    stale = NotificationFactory(attempts=1, sending_since=timezone.now() - timedelta(minutes=16))
    fresh = NotificationFactory(attempts=1, sending_since=timezone.now())
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=20))

    # When the sweep runs
    count = notifications.notifications_sweep(older_than=timedelta(minutes=2))

    # Then only the abandoned one is sent again
    assert count == 1
    assert [message.to[0] for message in mail.outbox] == [stale.recipient.email]
    assert notifications.notification_send(notification_id=fresh.pk) is False
