"""Celery tasks of the grids app: thin, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from grids.services import accompaniment


@shared_task(name="grids.tasks.accompaniment_reminders_send")
def accompaniment_reminders_send() -> int:
    return accompaniment.accompaniment_reminders_send(today=timezone.localdate())
