"""Exports against a real Celery worker on Redis: progress, a killed worker, a lost message, a duplicate."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
import redis
from django.conf import settings

from innovation.models import Export
from innovation.services import exports
from reports import services as reports
from reports.selectors import ReportScope
from tests.factories import UserFactory
from tests.helpers.worker import sent_messages, wait_for
from tests.reports.report_data import report_site

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


SLOW = "tests.helpers.slow_exports"
LEASE_SECONDS = 6


@pytest.fixture
def slow_exports(monkeypatch, settings, tmp_path):
    """The worker saves progress every 2 rows, holds a 6-second lease, and is slowed by 125 ms a row.

    The slowing is done from the test side: the worker imports ``tests.helpers.slow_exports``.
    Requested before ``celery_worker_factory``, so that the worker's environment carries it.
    """
    monkeypatch.setenv("EXPORT_PROGRESS_EVERY", "2")
    monkeypatch.setenv("EXPORT_LEASE_SECONDS", str(LEASE_SECONDS))
    monkeypatch.setenv("EXPORT_TEST_ROW_DELAY_MS", "125")
    settings.EXPORT_LEASE_SECONDS = LEASE_SECONDS
    settings.MEDIA_ROOT = tmp_path / "media"


def _request(site, fmt="xlsx") -> Export:
    staff = UserFactory(email="claire@example.org", is_staff=True)
    return reports.report_request(
        requested_by=staff, scope=ReportScope(kind="site", pk=site.pk), subject=site, content="report", format=fmt
    )


def _state(export_id):
    return Export.objects.values_list("state", "progress").get(pk=export_id)


def test_an_export_completes_on_the_worker_with_progress_along_the_way(slow_exports, celery_worker_factory):
    start = celery_worker_factory
    site, challenges = report_site(challenges=6)
    start(include=SLOW)

    export = _request(site)  # commits, then sends the task to the reports queue

    seen: list[tuple[str, int]] = []

    def finished():
        seen.append(_state(export.pk))
        return seen[-1][0] == Export.State.DONE

    wait_for(finished, timeout=60, interval=0.1, what="the export to finish")
    progress_while_running = [progress for state, progress in seen if state == Export.State.RUNNING]
    assert any(0 < progress < 100 for progress in progress_while_running), seen
    assert progress_while_running == sorted(progress_while_running)
    export.refresh_from_db()
    workbook = openpyxl.load_workbook(export.file.path)
    rows = list(workbook["Défis"].iter_rows(values_only=True))[1:]
    assert [row[3] for row in rows] == [challenge.question for challenge in challenges]
    wait_for(lambda: len(sent_messages(start.mail_dir)) == 1, what="the e-mail")
    assert f"/exports/{export.pk}/download/" in sent_messages(start.mail_dir)[0]


def test_a_killed_worker_s_export_is_completed_once_within_two_minutes_by_a_new_worker(
    slow_exports, celery_worker_factory
):
    start = celery_worker_factory
    site, _ = report_site(challenges=8)
    worker = start(include=SLOW)
    export = _request(site, fmt="xlsx")

    # When the worker is killed (SIGKILL to its process group) in the middle of the export
    wait_for(lambda: _state(export.pk)[1] >= 20, timeout=60, interval=0.05, what="the export to be under way")
    worker.stop(kill=True)
    state, progress = _state(export.pk)
    assert state == Export.State.RUNNING and progress < 95
    work = settings.MEDIA_ROOT / "exports" / "tmp"
    left = [path.name for path in work.iterdir()]
    assert len(left) == 1 and any((work / left[0]).iterdir())  # its work folder, with openpyxl's files

    # and a new worker starts, while the beat runs the sweep (every 30 s in production, every second here)
    start(include=SLOW)
    started = time.monotonic()
    resent: list[int] = []

    def done() -> bool:
        if _state(export.pk)[0] == Export.State.DONE:
            return True
        resent.append(exports.exports_sweep())
        return False

    # Then the export completes within 2 minutes, once: one build after the killed one, one file, one e-mail
    wait_for(done, timeout=120, interval=1, what="the export to complete")
    assert time.monotonic() - started < 120
    assert sum(resent) == 1  # taken over as soon as the killed runner's lease ran out, and only once
    export.refresh_from_db()
    assert export.attempts == 2 and export.leased_until is None
    workbook = openpyxl.load_workbook(export.file.path)
    assert workbook.sheetnames[0] == "Défis"
    exports_dir = settings.MEDIA_ROOT / "exports"
    files = [path for path in exports_dir.rglob("*.xlsx") if path.relative_to(exports_dir).parts[0] != "tmp"]
    assert files == [Path(export.file.path)]
    wait_for(lambda: len(sent_messages(start.mail_dir)) == 1, what="the e-mail")
    time.sleep(1)
    assert len(sent_messages(start.mail_dir)) == 1
    # and the killed build's work folder and openpyxl files are gone
    assert list(work.iterdir()) == []


def test_a_message_lost_by_the_broker_is_brought_back_by_the_sweep(slow_exports, celery_worker_factory):
    start = celery_worker_factory
    site, _ = report_site(challenges=2)

    # Given a request whose task message was lost (Redis flushed before any worker took it)
    export = _request(site, fmt="csv")
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    start(include=SLOW)
    time.sleep(1.5)
    assert _state(export.pk)[0] == Export.State.QUEUED

    # When the sweep runs
    assert exports.exports_sweep(older_than=timedelta(0)) == 1

    # Then the job is built and its e-mail sent
    wait_for(lambda: _state(export.pk)[0] == Export.State.DONE, timeout=60, what="the export to complete")
    wait_for(lambda: len(sent_messages(start.mail_dir)) == 1, what="the e-mail")


def test_a_duplicate_delivery_produces_one_file_and_one_email(slow_exports, celery_worker_factory):
    start = celery_worker_factory
    site, _ = report_site(challenges=2)
    from innovation.tasks import export_build

    # Given the same job delivered three times before any worker runs
    export = _request(site, fmt="csv")
    export_build.delay(export.pk)
    export_build.delay(export.pk)
    start(include=SLOW)

    # Then it is built once and announced once
    wait_for(lambda: _state(export.pk)[0] == Export.State.DONE, timeout=60, what="the export to complete")
    client = redis.Redis.from_url(settings.REDIS_URL)
    wait_for(lambda: client.llen("reports") == 0 and client.llen("mail") == 0, what="the queues to drain")
    time.sleep(1.5)
    export.refresh_from_db()
    assert export.attempts == 1
    files = list((settings.MEDIA_ROOT / "exports").rglob("*.zip"))
    assert [path.name for path in files] == [export.file.name.split("/")[-1]]
    assert len(sent_messages(start.mail_dir)) == 1
