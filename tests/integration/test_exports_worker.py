"""Exports against a real Celery worker on Redis: progress, a killed worker, a lost message, a duplicate."""

from __future__ import annotations

import time
import zipfile
from datetime import timedelta

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


@pytest.fixture
def slow_exports(monkeypatch, settings, tmp_path):
    """The worker saves progress every 2 rows and pauses 250 ms after each save (a test-only setting).

    Requested before ``celery_worker_factory``, so that the worker's environment carries it.
    """
    monkeypatch.setenv("EXPORT_PROGRESS_EVERY", "2")
    monkeypatch.setenv("EXPORT_CHUNK_DELAY_MS", "250")
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
    start()

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


def test_a_killed_worker_s_export_is_completed_by_a_new_worker(slow_exports, celery_worker_factory):
    start = celery_worker_factory
    site, _ = report_site(challenges=8)
    worker = start()
    export = _request(site, fmt="ods")

    # When the worker is killed (SIGKILL to its process group) in the middle of the export
    wait_for(lambda: _state(export.pk)[1] >= 20, timeout=60, interval=0.05, what="the export to be under way")
    worker.stop(kill=True)
    state, progress = _state(export.pk)
    assert state == Export.State.RUNNING and progress < 95

    # and a new worker starts, and the sweep finds the job whose heartbeat stopped
    start()
    time.sleep(0.5)
    assert exports.exports_sweep(older_than=timedelta(0)) == 1

    # Then the export completes, once
    wait_for(lambda: _state(export.pk)[0] == Export.State.DONE, timeout=90, what="the export to complete")
    export.refresh_from_db()
    assert export.attempts == 2
    with zipfile.ZipFile(export.file.path) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    wait_for(lambda: len(sent_messages(start.mail_dir)) == 1, what="the e-mail")
    time.sleep(1)
    assert len(sent_messages(start.mail_dir)) == 1


def test_a_message_lost_by_the_broker_is_brought_back_by_the_sweep(slow_exports, celery_worker_factory):
    start = celery_worker_factory
    site, _ = report_site(challenges=2)

    # Given a request whose task message was lost (Redis flushed before any worker took it)
    export = _request(site, fmt="csv")
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    start()
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
    start()

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
