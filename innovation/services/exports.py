"""Exports as jobs: request, build with progress, expire, retry and sweep.

The :class:`~innovation.models.Export` row is the truth. A request writes the
row and, once the transaction commits, sends the Celery task ``export_build``
(queue ``reports``) its id. :func:`export_run` takes the row under a lock and
only builds a row that is queued (or whose runner stopped giving signs of
life), so a second delivery builds nothing and sends no second e-mail.
:func:`exports_sweep` re-sends what the broker lost or a killed worker left;
:func:`exports_purge_expired` deletes the files of expired exports.

What a file contains is decided by a *builder* that an app registers with
:func:`export_builder_register`: a function ``(*, parameters, format, target, progress) -> filename``.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovation.models import Export, User
from innovation.queue import task_send, task_send_on_commit
from innovation.services.notifications import notification_create, notification_kind_register

logger = logging.getLogger(__name__)
T = TypeVar("T")

EXPORT_READY = notification_kind_register(key="export_ready", category="reports", label=_("Your export is ready"))

EXPORT_BUILD_TASK = "innovation.tasks.export_build"


class Builder(Protocol):
    """Writes one export's file to ``target`` and returns the file name to offer; reports its progress."""

    def __call__(self, *, parameters: dict[str, Any], format: str, target: Path, progress: ExportProgress) -> str: ...


# Filled by the apps that offer exports, in their AppConfig.ready(): the core imports none of them.
BUILDERS: dict[str, Builder] = {}


def export_builder_register(*, key: str, builder: Builder) -> None:
    """Make ``builder`` available to export jobs under ``key`` (each job stores its key)."""
    BUILDERS[key] = builder


class ExportError(Exception):
    """A request or an action on an export that cannot be done; the message is for the person."""


class ExportNotRetryable(ExportError):
    pass


class ExportSuperseded(Exception):
    """Another runner took the job over (the sweep judged this one dead): stop quietly."""


# --- Request ----------------------------------------------------------------


def export_request(*, requested_by: User, builder: str, parameters: dict[str, Any], format: str, title: str) -> Export:
    """Write the job and send it to a worker once the transaction commits."""
    if builder not in BUILDERS:
        raise ExportError(_("Unknown kind of export."))
    if format not in Export.Format.values:
        raise ExportError(_("Unknown format."))
    export = Export.objects.create(
        requested_by=requested_by,
        title=title[:300],
        parameters={**parameters, "builder": builder},
        format=format,
    )
    _enqueue_on_commit(export.pk)
    return export


def _enqueue_on_commit(export_id: int) -> None:
    task_send_on_commit(EXPORT_BUILD_TASK, export_id)


def export_retry(*, export: Export) -> Export:
    """Put a failed job back in the queue."""
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export.pk)
        if export.state != Export.State.FAILED:
            raise ExportNotRetryable(
                _("Only a failed export can be retried; this one is %(state)s.")
                % {"state": export.get_state_display().lower()}
            )
        export.state = Export.State.QUEUED
        export.progress = 0
        export.error = ""
        export.heartbeat_at = None
        export.finished_at = None
        export.save(update_fields=["state", "progress", "error", "heartbeat_at", "finished_at"])
        _enqueue_on_commit(export.pk)
    return export


# --- Run --------------------------------------------------------------------


class ExportProgress:
    """Counts what the builder wrote and saves the percentage (and a heartbeat) every chunk."""

    def __init__(self, *, export_id: int, attempt: int, every: int | None = None) -> None:
        self.export_id = export_id
        self.attempt = attempt
        self.total = 0
        self.done = 0
        self.every = every or settings.EXPORT_PROGRESS_EVERY
        self._since_save = 0
        self._last_percent = -1

    def add_total(self, count: int) -> None:
        self.total += count

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._since_save += count
        if self._since_save >= self.every:
            self.save()

    def track(self, rows: Iterable[T]) -> Iterator[T]:
        """Yield the rows and count them as written."""
        for row in rows:
            yield row
            self.advance()

    def save(self, *, percent: int | None = None) -> None:
        self._since_save = 0
        if percent is None:
            # 95 % at most until the file is stored.
            percent = min(95, int(self.done * 95 / self.total)) if self.total else 0
        updated = Export.objects.filter(pk=self.export_id, attempts=self.attempt, state=Export.State.RUNNING).update(
            progress=max(percent, 0), heartbeat_at=timezone.now()
        )
        if not updated:
            raise ExportSuperseded(self.export_id)
        self._last_percent = percent
        delay = settings.EXPORT_CHUNK_DELAY_MS
        if delay:  # only set by the worker tests, to have time to kill a worker mid-export
            time.sleep(delay / 1000)


def _stale_before() -> Any:
    return timezone.now() - timedelta(seconds=settings.EXPORT_STALE_AFTER_SECONDS)


def _claim(export_id: int) -> Export | None:
    """Take the job if it is queued (or running without a sign of life); None if there is nothing to do."""
    with transaction.atomic():
        export = Export.objects.select_for_update().filter(pk=export_id).first()
        if export is None:
            return None
        runnable = export.state == Export.State.QUEUED or (
            export.state == Export.State.RUNNING
            and (export.heartbeat_at is None or export.heartbeat_at < _stale_before())
        )
        if not runnable:
            return None
        now = timezone.now()
        export.state = Export.State.RUNNING
        export.attempts += 1
        export.progress = 0
        export.started_at = now
        export.heartbeat_at = now
        export.save(update_fields=["state", "attempts", "progress", "started_at", "heartbeat_at"])
        return export


def export_run(*, export_id: int) -> bool:
    """Build the file of one export unless it is built or being built. Returns whether it built one."""
    export = _claim(export_id)
    if export is None:
        return False
    attempt = export.attempts
    progress = ExportProgress(export_id=export.pk, attempt=attempt)
    builder = BUILDERS[export.parameters.get("builder", "")]
    work_dir = Path(settings.MEDIA_ROOT) / "exports" / "tmp"
    work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir) as folder:
        target = Path(folder) / f"export.{export.format}"
        try:
            filename = builder(parameters=export.parameters, format=export.format, target=target, progress=progress)
        except ExportSuperseded:
            logger.info("Export %s: attempt %s was superseded", export.pk, attempt)
            return False
        except Exception as exc:  # the person sees a clear message and may retry
            logger.exception("Export %s failed", export.pk)
            Export.objects.filter(pk=export.pk, attempts=attempt, state=Export.State.RUNNING).update(
                state=Export.State.FAILED,
                error=f"{type(exc).__name__}: {exc}"[:2000],
                finished_at=timezone.now(),
                heartbeat_at=timezone.now(),
            )
            return False
        return _finish(export_id=export.pk, attempt=attempt, path=target, filename=filename)


def _finish(*, export_id: int, attempt: int, path: Path, filename: str) -> bool:
    with transaction.atomic():
        export = Export.objects.select_for_update().select_related("requested_by").get(pk=export_id)
        if export.state != Export.State.RUNNING or export.attempts != attempt:
            return False
        if export.file:
            export.file.delete(save=False)
        with path.open("rb") as handle:
            export.file.save(filename, File(handle), save=False)
        now = timezone.now()
        export.size = path.stat().st_size
        export.state = Export.State.DONE
        export.progress = 100
        export.error = ""
        export.finished_at = now
        export.heartbeat_at = now
        export.expires_at = now + timedelta(days=settings.EXPORT_EXPIRY_DAYS)
        export.save()
        notification_create(
            recipient=export.requested_by,
            kind=EXPORT_READY,
            event_key=f"export:{export.pk}:{attempt}",
            context={
                "title": export.title,
                "format": export.get_format_display(),
                "download_url": settings.SITE_URL + reverse("export_download", args=[export.pk]),
                "detail_url": settings.SITE_URL + reverse("export_detail", args=[export.pk]),
                "expires_at": export.expires_at.isoformat(),
                "expiry_days": settings.EXPORT_EXPIRY_DAYS,
            },
        )
    return True


# --- Sweep and expiry ---------------------------------------------------------


def exports_sweep(*, older_than: timedelta | None = None) -> int:
    """Re-send the jobs the broker lost or a killed worker left behind. Returns how many.

    A queued job waiting for longer than ``older_than`` is sent again; a running
    job with no heartbeat for that long is put back in the queue and sent again.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.EXPORT_STALE_AFTER_SECONDS)
    before = timezone.now() - older_than
    with transaction.atomic():
        rows = list(
            Export.objects.select_for_update(skip_locked=True)
            .filter(
                Q(state=Export.State.QUEUED, created_at__lte=before, heartbeat_at__isnull=True)
                | Q(state=Export.State.QUEUED, heartbeat_at__lte=before)
                | Q(state=Export.State.RUNNING, heartbeat_at__lte=before)
                | Q(state=Export.State.RUNNING, heartbeat_at__isnull=True, created_at__lte=before)
            )
            .order_by("pk")[:500]
        )
        ids = [export.pk for export in rows]
        # A running job that stopped beating goes back to the queue; the heartbeat dates the re-send.
        Export.objects.filter(pk__in=ids).update(state=Export.State.QUEUED, heartbeat_at=timezone.now())
    for export_id in ids:
        task_send(EXPORT_BUILD_TASK, export_id)
    return len(ids)


def exports_purge_expired(*, now: Any = None) -> int:
    """Delete the files of expired exports (the rows stay, as a history). Returns how many files."""
    now = now or timezone.now()
    count = 0
    for export in Export.objects.filter(expires_at__lte=now).exclude(file="").iterator(chunk_size=200):
        export.file.delete(save=False)
        Export.objects.filter(pk=export.pk).update(file="", size=0)
        count += 1
    return count
