"""Celery tasks of test sessions: thin, safe to run twice (the outbox's event keys guard them)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from testsessions.services import notifications


@shared_task(name="testsessions.tasks.session_reminders_send")
def session_reminders_send() -> int:
    return notifications.session_reminders_send(today=timezone.localdate())
