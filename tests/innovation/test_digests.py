"""The daily digest: one e-mail per person with waiting items, grouped by category, newest first, once a day."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from innovation import tasks
from innovation.models import Delivery, Notification
from innovation.services import digests, notifications
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)
REPORTS = notifications.notification_kind_register(key="test_report_ready", category="reports", label="Report ready")


def _waiting(person, *, kind="site_reminder", minutes_ago, **context):
    notification = NotificationFactory(
        recipient=person,
        kind=kind,
        delivery=Delivery.DIGEST,
        context={"place": "Rennes", "edition": "3e université", "starts_on": "2018-07-09", **context},
    )
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return notification


def _digest_of(person) -> Notification:
    return Notification.objects.get(recipient=person, kind="digest")


def test_the_digest_groups_by_category_newest_first(django_capture_on_commit_callbacks):
    person = UserFactory()
    old_reminder = _waiting(person, minutes_ago=300, place="Cluny")
    report = _waiting(person, kind=REPORTS.key, minutes_ago=200, title="Rapport Rennes 2018")
    new_reminder = _waiting(person, minutes_ago=100, place="Aix-en-Provence")

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.digests_send(day=DAY) == 1

    digest = _digest_of(person)
    groups = digest.context["groups"]
    assert [group["category"] for group in groups] == ["reminders", "reports"]  # the group with the newest item first
    assert [item["id"] for item in groups[0]["items"]] == [new_reminder.pk, old_reminder.pk]
    assert [item["id"] for item in groups[1]["items"]] == [report.pk]
    assert digest.event_key == "digest:2026-03-02" and digest.context["count"] == 3
    # The e-mail: one, in French, sections in that order, newest item first.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "[Défis] Votre récapitulatif du jour\u00a0: 3 notifications"
    body = message.body
    positions = [body.index(text) for text in ("Rappels", "Aix-en-Provence", "Cluny", "Rapports et exports")]
    assert positions == sorted(positions)
    assert "Rapport Rennes 2018" in body
    assert "<strong>" not in body  # the plain-text part has no markup
    html = message.alternatives[0][0]
    assert "Le site Aix-en-Provence commence demain" in html
    for item in (old_reminder, report, new_reminder):
        item.refresh_from_db()
        assert item.digested_at is not None and item.sent_at is None


def test_running_the_digest_twice_the_same_day_sends_one(django_capture_on_commit_callbacks):
    person = UserFactory()
    _waiting(person, minutes_ago=10)

    with django_capture_on_commit_callbacks(execute=True):
        first = digests.digests_send(day=DAY)
        _waiting(person, minutes_ago=1, place="Strasbourg")  # arrives after today's digest
        second = digests.digests_send(day=DAY)

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind="digest").count() == 1
    # The late item waits for tomorrow's digest.
    late = Notification.objects.get(context__place="Strasbourg")
    assert late.digested_at is None

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.digests_send(day=DAY + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert "Strasbourg" in mail.outbox[1].body and "Rennes" not in mail.outbox[1].body


def test_one_digest_per_person_and_none_for_people_without_waiting_items(django_capture_on_commit_callbacks):
    alice, bob, charlie = UserFactory(), UserFactory(), UserFactory()
    _waiting(alice, minutes_ago=5)
    _waiting(alice, minutes_ago=4)
    _waiting(bob, minutes_ago=3)
    NotificationFactory(recipient=charlie, delivery=Delivery.OFF)
    NotificationFactory(recipient=charlie, sent_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.digests_send(day=DAY) == 2

    assert sorted(message.to[0] for message in mail.outbox) == sorted([alice.email, bob.email])
    assert _digest_of(alice).context["count"] == 2
    assert not Notification.objects.filter(recipient=charlie, kind="digest").exists()


def test_the_digest_is_in_the_recipients_language(django_capture_on_commit_callbacks):
    person = UserFactory(language="en")
    _waiting(person, minutes_ago=5)

    with django_capture_on_commit_callbacks(execute=True):
        digests.digests_send(day=DAY)

    assert mail.outbox[0].subject == "[Défis] Your daily digest: 1 notification"
    assert "The site Rennes starts tomorrow" in mail.outbox[0].body


def test_the_task_sends_todays_digest_once(django_capture_on_commit_callbacks):
    person = UserFactory()
    _waiting(person, minutes_ago=5)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.digests_send.apply()
        tasks.digests_send.apply()

    assert len(mail.outbox) == 1
    assert _digest_of(person).event_key == f"digest:{timezone.localdate().isoformat()}"


def test_the_digest_task_is_scheduled_daily_in_the_morning(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-digest"]

    assert entry["task"] == "innovation.tasks.digests_send"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {30}
    assert settings.CELERY_TIMEZONE == "Europe/Paris"
