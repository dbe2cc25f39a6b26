"""Celery tasks of the cross-cutting package: thin, take ids, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from innovation.services import digests, exports, notifications


@shared_task(
    bind=True,
    name="innovation.tasks.notification_send",
    autoretry_for=(notifications.NotificationDeliveryError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=settings.NOTIFICATION_MAX_ATTEMPTS - 1,
)
def notification_send(self, notification_id: int) -> bool:
    return notifications.notification_send(notification_id=notification_id)


@shared_task(name="innovation.tasks.notifications_sweep")
def notifications_sweep() -> int:
    return notifications.notifications_sweep()


@shared_task(name="innovation.tasks.digests_send")
def digests_send() -> int:
    """The daily digest (beat, 07:30 Europe/Paris); a second run the same day writes nothing."""
    return digests.digests_send(day=timezone.localdate())


# --- Exports: the reports queue ---------------------------------------------------


@shared_task(name="innovation.tasks.export_build", acks_late=True, reject_on_worker_lost=True)
def export_build(export_id: int) -> bool:
    return exports.export_run(export_id=export_id)


@shared_task(name="innovation.tasks.exports_sweep")
def exports_sweep() -> int:
    return exports.exports_sweep()


@shared_task(name="innovation.tasks.exports_purge_expired")
def exports_purge_expired() -> int:
    return exports.exports_purge_expired()
