"""The digest through a real Celery worker: the digest row is sent by the outbox's send task, once."""

from __future__ import annotations

import datetime

import pytest

from innovation.models import Delivery, Notification
from innovation.services import digests
from tests.factories import NotificationFactory, UserFactory
from tests.helpers.worker import sent_messages, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_digest_is_sent_by_the_worker_once(celery_worker_factory):
    start = celery_worker_factory
    start()
    person = UserFactory(email="resume@example.org")
    NotificationFactory(
        recipient=person,
        kind="site_reminder",
        delivery=Delivery.DIGEST,
        context={"place": "Rennes", "edition": "3e université", "starts_on": "2018-07-09"},
    )
    day = datetime.date(2026, 3, 2)

    assert digests.digests_send(day=day) == 1  # commits, then enqueues the digest row
    assert digests.digests_send(day=day) == 0

    digest = Notification.objects.get(recipient=person, kind="digest")
    wait_for(lambda: Notification.objects.filter(pk=digest.pk, sent_at__isnull=False).exists(), what="the digest")
    messages = sent_messages(start.mail_dir)
    assert len(messages) == 1
    assert "resume@example.org" in messages[0] and "Rennes" in messages[0]
    assert Notification.objects.get(kind="site_reminder").sent_at is None  # the item left inside the digest
