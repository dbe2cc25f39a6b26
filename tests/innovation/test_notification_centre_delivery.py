"""Sending respects each person's preference: immediate e-mail, daily digest, or off (in-app only)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from challenges.services.reminders import SITE_REMINDER
from innovation.models import Delivery, Notification, NotificationPreference
from innovation.services import notifications
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTEXT = {"site_id": 1, "place": "Rennes", "edition": "3e université", "starts_on": "2018-07-09", "challenges": []}


def _notify(person, event_key="site-reminder:1:2018-07-09"):
    return notifications.notification_create(recipient=person, kind=SITE_REMINDER, event_key=event_key, context=CONTEXT)


def test_with_no_preference_the_email_leaves_at_once(django_capture_on_commit_callbacks):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(person)

    notification.refresh_from_db()
    assert notification.delivery == Delivery.IMMEDIATE
    assert notification.sent_at is not None
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "Rennes" in mail.outbox[0].subject


def test_immediate_preference_sends_at_once(django_capture_on_commit_callbacks):
    person = UserFactory()
    notifications.notification_preference_set(person=person, category="reminders", delivery=Delivery.IMMEDIATE)

    with django_capture_on_commit_callbacks(execute=True):
        _notify(person)

    assert len(mail.outbox) == 1


def test_digest_preference_defers_the_email_to_the_digest(django_capture_on_commit_callbacks):
    person = UserFactory()
    notifications.notification_preference_set(person=person, category="reminders", delivery=Delivery.DIGEST)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _notify(person)

    assert callbacks == []  # nothing enqueued
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.delivery == Delivery.DIGEST
    assert notification.sent_at is None and notification.digested_at is None


def test_off_sends_no_email_but_the_notification_shows_in_the_centre(django_capture_on_commit_callbacks):
    person = UserFactory()
    notifications.notification_preference_set(person=person, category="reminders", delivery=Delivery.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(person)

    assert mail.outbox == []
    client = Client()
    client.force_login(person)
    page = client.get(reverse("notifications")).content.decode()
    assert f'id="notification-{notification.pk}"' in page
    assert "Le site Rennes commence demain" in page


def test_a_stray_task_or_the_sweep_never_emails_a_digest_or_off_row():
    from datetime import timedelta

    person = UserFactory()
    notifications.notification_preference_set(person=person, category="reminders", delivery=Delivery.OFF)
    notification = _notify(person)

    assert notifications.notification_send(notification_id=notification.pk) is False
    assert notifications.notifications_sweep(older_than=timedelta(0)) == 0
    assert mail.outbox == []


def test_the_account_category_is_always_immediate(django_capture_on_commit_callbacks):
    person = UserFactory()
    # Even a row forced into the database cannot hold back an invitation.
    NotificationPreference.objects.create(person=person, category="account", delivery=Delivery.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        notifications.notification_create(
            recipient=person,
            kind=notifications.INVITATION,
            event_key="invitation:1",
            context={"invited_by": "", "purpose": "", "accept_url": "http://x", "max_age_days": 14},
        )

    assert len(mail.outbox) == 1
    assert Notification.objects.get(recipient=person).delivery == Delivery.IMMEDIATE


def test_the_account_category_cannot_be_switched_off_by_the_service():
    person = UserFactory()

    with pytest.raises(notifications.PreferenceLocked):
        notifications.notification_preference_set(person=person, category="account", delivery=Delivery.OFF)

    assert not NotificationPreference.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    ("category", "delivery"), [("nonsense", Delivery.OFF), ("reminders", "weekly")], ids=["category", "delivery"]
)
def test_the_service_refuses_unknown_categories_and_deliveries(category, delivery):
    person = UserFactory()

    with pytest.raises(ValueError):
        notifications.notification_preference_set(person=person, category=category, delivery=delivery)

    assert not NotificationPreference.objects.exists()
