"""Exports as jobs: request, build with progress, expire, retry and sweep.

The :class:`~innovation.models.Export` row is the truth. A request writes the
row and, once the transaction commits, sends the Celery task ``export_build``
(queue ``reports``) its id. :func:`export_run` claims the row with a lease in
one atomic update, only when it is queued or its lease ran out, and renews the
lease on a clock while it builds: a job never runs twice at once, a second
delivery builds nothing and sends no second e-mail, and a redelivered job whose
runner died resumes at once. :func:`exports_sweep` re-sends what the broker lost
or a killed worker left and removes abandoned work folders;
:func:`exports_purge_expired` deletes the files of expired exports.

What a file contains is decided by a *builder* that an app registers with
:func:`export_builder_register`: a function ``(*, parameters, format, target, progress) -> filename``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.db.models import F, Q
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
        export.lease_owner = ""
        export.leased_until = None
        export.save(
            update_fields=["state", "progress", "error", "heartbeat_at", "finished_at", "lease_owner", "leased_until"]
        )
        _enqueue_on_commit(export.pk)
    return export


# --- Run --------------------------------------------------------------------


class ExportProgress:
    """Counts what the builder wrote and saves the percentage, every chunk of rows or every second.

    Each save also renews the runner's lease; a save that finds the lease taken by another runner raises
    :class:`ExportSuperseded`, which stops the build.
    """

    def __init__(self, *, export_id: int, attempt: int, owner: str = "", every: int | None = None) -> None:
        self.export_id = export_id
        self.attempt = attempt
        self.owner = owner
        self.total = 0
        self.done = 0
        self.every = every or settings.EXPORT_PROGRESS_EVERY
        self.seconds = 1.0
        self._since_save = 0
        self._saved_at = time.monotonic()
        self._last_percent = -1

    def add_total(self, count: int) -> None:
        self.total += count

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._since_save += count
        if self._since_save >= self.every or time.monotonic() - self._saved_at >= self.seconds:
            self.save()

    def track(self, rows: Iterable[T]) -> Iterator[T]:
        """Yield the rows and count them as written."""
        for row in rows:
            yield row
            self.advance()

    def save(self, *, percent: int | None = None) -> None:
        self._since_save = 0
        self._saved_at = time.monotonic()
        if percent is None:
            # 95 % at most until the file is stored.
            percent = min(95, int(self.done * 95 / self.total)) if self.total else 0
        now = timezone.now()
        updated = _held(self.export_id, self.attempt, self.owner).update(
            progress=max(percent, self._last_percent, 0), heartbeat_at=now, leased_until=now + _lease()
        )
        if not updated:
            raise ExportSuperseded(self.export_id)
        self._last_percent = max(percent, self._last_percent)


def _lease() -> timedelta:
    return timedelta(seconds=settings.EXPORT_LEASE_SECONDS)


def _held(export_id: int, attempt: int, owner: str):
    """The job, as long as this runner still holds it."""
    rows = Export.objects.filter(pk=export_id, attempts=attempt, state=Export.State.RUNNING)
    return rows.filter(lease_owner=owner) if owner else rows


def _claimable() -> Q:
    """Queued, or running under a lease that ran out (its runner died).

    A row running with no lease (written before leases) is claimable once its heartbeat is stale.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.EXPORT_STALE_AFTER_SECONDS)
    unleased_and_silent = Q(leased_until__isnull=True) & (Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale))
    running_unheld = Q(state=Export.State.RUNNING) & (Q(leased_until__lt=now) | unleased_and_silent)
    return Q(state=Export.State.QUEUED) | running_unheld


def _claim(export_id: int) -> Export | None:
    """Take the job with a lease, in one atomic update; None if it is finished or another runner holds it."""
    owner = uuid.uuid4().hex
    now = timezone.now()
    taken = Export.objects.filter(_claimable(), pk=export_id).update(
        state=Export.State.RUNNING,
        attempts=F("attempts") + 1,
        progress=0,
        started_at=now,
        heartbeat_at=now,
        lease_owner=owner,
        leased_until=now + _lease(),
    )
    if not taken:
        return None
    return Export.objects.get(pk=export_id)


class _LeaseKeeper(threading.Thread):
    """Renews the lease on a clock while the builder works (a WeasyPrint page layout gives no row to count).

    It dies with the process, so a killed worker stops renewing and its lease runs out.
    """

    def __init__(self, *, export_id: int, attempt: int, owner: str) -> None:
        super().__init__(name=f"export-{export_id}-lease", daemon=True)
        self.export_id, self.attempt, self.owner = export_id, attempt, owner
        self.stopped = threading.Event()
        self.lost = False

    def run(self) -> None:
        interval = max(settings.EXPORT_LEASE_SECONDS / 3, 0.5)
        try:
            while not self.stopped.wait(interval):
                now = timezone.now()
                if not _held(self.export_id, self.attempt, self.owner).update(
                    heartbeat_at=now, leased_until=now + _lease()
                ):
                    self.lost = True
                    return
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)


def export_work_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "exports" / "tmp"


def _work_folders(export_id: int) -> list[Path]:
    root = export_work_root()
    return sorted(root.glob(f"export-{export_id}-*")) if root.is_dir() else []


@contextmanager
def _work_folder(export_id: int, owner: str) -> Iterator[Path]:
    """A folder for this build, which also receives openpyxl's temporary files; removed at the end.

    What a killed build of the same job left is removed first: this runner holds the lease now.
    """
    for stale in _work_folders(export_id):
        shutil.rmtree(stale, ignore_errors=True)
    folder = export_work_root() / f"export-{export_id}-{owner}"
    folder.mkdir(parents=True)
    # openpyxl's write-only sheets write their temporary files there, not in /tmp. A worker child runs one
    # task at a time, so the process-wide setting is safe there; not in a web process running tasks eagerly.
    redirect = not settings.CELERY_TASK_ALWAYS_EAGER
    previous = tempfile.tempdir
    if redirect:
        tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        if redirect:
            tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)


def export_run(*, export_id: int) -> bool:
    """Build the file of one export unless it is built or another runner holds it. Returns whether it built one."""
    export = _claim(export_id)
    if export is None:
        return False
    attempt, owner = export.attempts, export.lease_owner
    progress = ExportProgress(export_id=export.pk, attempt=attempt, owner=owner)
    builder = BUILDERS[export.parameters.get("builder", "")]
    keeper = _LeaseKeeper(export_id=export.pk, attempt=attempt, owner=owner)
    keeper.start()
    try:
        with _work_folder(export.pk, owner) as folder:
            target = folder / f"export.{export.format}"
            try:
                filename = builder(parameters=export.parameters, format=export.format, target=target, progress=progress)
            except ExportSuperseded:
                logger.info("Export %s: attempt %s was superseded", export.pk, attempt)
                return False
            except Exception as exc:  # the person sees a clear message and may retry
                logger.exception("Export %s failed", export.pk)
                _held(export.pk, attempt, owner).update(
                    state=Export.State.FAILED,
                    error=f"{type(exc).__name__}: {exc}"[:2000],
                    finished_at=timezone.now(),
                    heartbeat_at=timezone.now(),
                    leased_until=None,
                )
                return False
            return _finish(export_id=export.pk, attempt=attempt, owner=owner, path=target, filename=filename)
    finally:
        keeper.stop()


def _finish(*, export_id: int, attempt: int, owner: str, path: Path, filename: str) -> bool:
    with transaction.atomic():
        export = Export.objects.select_for_update().select_related("requested_by").get(pk=export_id)
        if export.state != Export.State.RUNNING or export.attempts != attempt or export.lease_owner != owner:
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
        export.leased_until = None
        export.expires_at = now + timedelta(days=settings.EXPORT_EXPIRY_DAYS)
        export.save()
        notification_create(
            recipient=export.requested_by,
            kind=EXPORT_READY,
            event_key=f"export:{export.pk}:{attempt}",
            context={
                "export_id": export.pk,
                "title": export.title,
                "format": export.get_format_display(),
                "requested_at": export.created_at.isoformat(),
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

    A queued job waiting for longer than ``older_than`` is sent again; a running job whose lease ran
    out (its runner stopped renewing it) is put back in the queue and sent again at once. The work
    folders no live runner holds are removed.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.EXPORT_STALE_AFTER_SECONDS)
    now = timezone.now()
    before = now - older_than
    with transaction.atomic():
        rows = list(
            Export.objects.select_for_update(skip_locked=True)
            .filter(
                Q(state=Export.State.QUEUED, created_at__lte=before, heartbeat_at__isnull=True)
                | Q(state=Export.State.QUEUED, heartbeat_at__lte=before)
                | Q(state=Export.State.RUNNING, leased_until__lt=now)
                | Q(state=Export.State.RUNNING, leased_until__isnull=True, heartbeat_at__lte=before)
            )
            .order_by("pk")[:500]
        )
        ids = [export.pk for export in rows]
        # A running job whose lease ran out goes back to the queue; the heartbeat dates the re-send.
        Export.objects.filter(pk__in=ids).update(
            state=Export.State.QUEUED, heartbeat_at=timezone.now(), lease_owner="", leased_until=None
        )
    for export_id in ids:
        task_send(EXPORT_BUILD_TASK, export_id)
    export_work_folders_clean()
    return len(ids)


def export_work_folders_clean() -> int:
    """Remove the work folders (and the openpyxl files in them) that no running export's lease covers."""
    root = export_work_root()
    if not root.is_dir():
        return 0
    live = {
        f"export-{pk}-{owner}"
        for pk, owner in Export.objects.filter(state=Export.State.RUNNING).values_list("pk", "lease_owner")
    }
    removed = 0
    for folder in root.iterdir():
        if folder.name not in live:
            if folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
            removed += 1
    return removed


def exports_purge_expired(*, now: Any = None) -> int:
    """Delete the files of expired exports (the rows stay, as a history). Returns how many files."""
    now = now or timezone.now()
    count = 0
    for export in Export.objects.filter(expires_at__lte=now).exclude(file="").iterator(chunk_size=200):
        export.file.delete(save=False)
        Export.objects.filter(pk=export.pk).update(file="", size=0)
        count += 1
    return count
