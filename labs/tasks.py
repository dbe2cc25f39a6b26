"""Celery tasks of labs: the daily reminders. Thin, and safe to run twice (each reminder has its event key)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from labs.services import authorisations, charters, sessions, workshops


@shared_task(name="labs.tasks.session_reminders_send")
def session_reminders_send() -> int:
    return sessions.session_reminders_send(today=timezone.localdate())


@shared_task(name="labs.tasks.charter_reminders_send")
def charter_reminders_send() -> int:
    return charters.charter_reminders_send(today=timezone.localdate())


@shared_task(name="labs.tasks.authorisations_check")
def authorisations_check() -> int:
    """Expire what has ended, then tell who is concerned about what ends within 30 days."""
    today = timezone.localdate()
    return authorisations.authorisations_expire(today=today) + authorisations.authorisation_reminders_send(today=today)


@shared_task(name="labs.tasks.next_step_reminders_send")
def next_step_reminders_send() -> int:
    return workshops.next_step_reminders_send(today=timezone.localdate())
