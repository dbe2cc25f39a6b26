"""Celery tasks of the challenges app: thin, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from challenges.services import reminders, uploads


@shared_task(name="challenges.tasks.site_reminders_send")
def site_reminders_send() -> int:
    return reminders.site_reminders_send(today=timezone.localdate())


@shared_task(name="challenges.tasks.held_uploads_sweep")
def held_uploads_sweep() -> int:
    return uploads.held_uploads_sweep()
