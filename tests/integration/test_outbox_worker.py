"""The outbox against a real Celery worker on Redis: a lost message is brought back by the sweep."""

from __future__ import annotations

from datetime import timedelta

import pytest
import redis
from django.conf import settings

from innovation.models import Notification
from innovation.services import invitations, notifications
from tests.factories import UserFactory
from tests.helpers.worker import sent_messages, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_invitation_is_sent_by_the_worker_once(celery_worker_factory):
    start = celery_worker_factory
    start()
    person, _ = invitations.person_get_or_create(email="nouvelle@example.org")

    invitations.invitation_create(person=person, invited_by=UserFactory(), next_url="/", purpose="")  # commits

    notification = Notification.objects.get(recipient=person)
    wait_for(lambda: Notification.objects.filter(pk=notification.pk, sent_at__isnull=False).exists(), what="sending")
    messages = sent_messages(start.mail_dir)
    assert len(messages) == 1 and "nouvelle@example.org" in messages[0]


def test_a_message_lost_by_the_broker_is_sent_exactly_once_after_the_sweep(celery_worker_factory):
    start = celery_worker_factory
    person, _ = invitations.person_get_or_create(email="perdue@example.org")

    # Given an invitation whose task message was lost (Redis flushed before any worker took it)
    invitations.invitation_create(person=person, invited_by=None, next_url="/", purpose="")
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    start()
    notification = Notification.objects.get(recipient=person)
    assert not sent_messages(start.mail_dir)
    notification.refresh_from_db()
    assert notification.sent_at is None

    # When the sweep runs (twice, as beat would)
    assert notifications.notifications_sweep(older_than=timedelta(0)) == 1
    wait_for(lambda: Notification.objects.filter(pk=notification.pk, sent_at__isnull=False).exists(), what="sending")
    notifications.notifications_sweep(older_than=timedelta(0))

    # Then the e-mail arrived exactly once
    from innovation.tasks import notification_send

    notification_send.delay(notification.pk)  # a duplicate delivery changes nothing either
    wait_for(lambda: redis.Redis.from_url(settings.REDIS_URL).llen("mail") == 0, what="the queue to drain")
    import time

    time.sleep(1)
    messages = sent_messages(start.mail_dir)
    assert len(messages) == 1
    assert "perdue@example.org" in messages[0]
    notification.refresh_from_db()
    assert notification.attempts == 1
