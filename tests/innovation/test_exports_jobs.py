"""The export job: progress, one build and one e-mail per request, failure and retry, sweep and expiry."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from innovation.models import Export, Notification
from innovation.services import exports
from reports import services as reports
from reports.selectors import ReportScope
from tests.innovation.factories_exports import ExportFactory
from tests.reports.report_data import report_site


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(db, facilitator):
    return report_site(facilitators=[facilitator], challenges=3)[0]


def _request(user, site, fmt="xlsx", content="report") -> Export:
    return reports.report_request(
        requested_by=user, scope=ReportScope(kind="site", pk=site.pk), subject=site, content=content, format=fmt
    )


def test_a_request_is_queued_and_built_after_the_commit(staff, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = _request(staff, site)
    assert export.state == Export.State.QUEUED and len(callbacks) == 1
    assert export.parameters == {
        "scope": "site", "scope_id": site.pk, "content": "report", "language": "fr", "builder": "reports.report"
    }  # fmt: skip

    callbacks[0]()

    export.refresh_from_db()
    assert export.state == Export.State.DONE
    assert export.progress == 100 and export.attempts == 1
    assert export.expires_at - export.finished_at == timedelta(days=7)


def test_progress_is_saved_along_the_way(staff, site, settings, django_capture_on_commit_callbacks):
    # Given progress saved every 2 rows
    settings.EXPORT_PROGRESS_EVERY = 2
    seen: list[int] = []
    original = exports.ExportProgress.save

    def spy(self, *, percent=None):
        original(self, percent=percent)
        seen.append(Export.objects.get(pk=self.export_id).progress)

    with mock.patch.object(exports.ExportProgress, "save", spy), django_capture_on_commit_callbacks(execute=True):
        _request(staff, site)

    # Then the percentage rose in steps, below 100 until the file was stored
    assert len(seen) >= 4
    assert seen == sorted(seen) and 0 < seen[0] < seen[-1] <= 95


def test_the_requester_gets_one_email_with_the_link_and_no_attachment(staff, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = _request(staff, site)

    notification = Notification.objects.get(recipient=staff, kind="export_ready")
    assert notification.context["download_url"].endswith(f"/exports/{export.pk}/download/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff.email]
    assert "Votre export est prêt" in message.subject
    assert notification.context["download_url"] in message.body
    assert message.attachments == []


def test_a_second_delivery_builds_nothing_and_sends_no_second_email(staff, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = _request(staff, site)
    export.refresh_from_db()
    first_file = export.file.name

    with django_capture_on_commit_callbacks(execute=True):
        assert exports.export_run(export_id=export.pk) is False

    export.refresh_from_db()
    assert export.file.name == first_file and export.attempts == 1
    assert Notification.objects.filter(kind="export_ready").count() == 1
    assert len(mail.outbox) == 1


def test_a_running_job_with_a_recent_heartbeat_is_left_to_its_runner(staff, site):
    export = ExportFactory(
        requested_by=staff, state=Export.State.RUNNING, heartbeat_at=timezone.now(), attempts=1,
        parameters={"builder": "reports.report", "scope": "site", "scope_id": site.pk, "content": "report"},
    )  # fmt: skip
    assert exports.export_run(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.attempts == 1 and export.state == Export.State.RUNNING


def test_a_failed_build_is_recorded_and_can_be_retried(staff, site, django_capture_on_commit_callbacks):
    with (
        mock.patch("reports.services.report_sheets", side_effect=RuntimeError("disque plein")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        export = _request(staff, site)
    export.refresh_from_db()
    assert export.state == Export.State.FAILED and "disque plein" in export.error
    assert not export.file and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        exports.export_retry(export=export)

    export.refresh_from_db()
    assert export.state == Export.State.DONE and export.attempts == 2 and export.error == ""
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("state", [Export.State.QUEUED, Export.State.RUNNING, Export.State.DONE])
def test_only_a_failed_job_can_be_retried(staff, state):
    export = ExportFactory(requested_by=staff, state=state)
    with pytest.raises(exports.ExportNotRetryable):
        exports.export_retry(export=export)
    export.refresh_from_db()
    assert export.state == state


def test_the_sweep_resends_lost_and_abandoned_jobs_but_not_live_ones(staff, site):
    params = {"builder": "reports.report", "scope": "site", "scope_id": site.pk, "content": "report"}
    old = timezone.now() - timedelta(minutes=30)
    lost = ExportFactory(requested_by=staff, parameters=params)
    abandoned = ExportFactory(requested_by=staff, parameters=params, state=Export.State.RUNNING, heartbeat_at=old)
    alive = ExportFactory(
        requested_by=staff, parameters=params, state=Export.State.RUNNING, heartbeat_at=timezone.now()
    )
    fresh = ExportFactory(requested_by=staff, parameters=params)
    Export.objects.filter(pk__in=[lost.pk, abandoned.pk, alive.pk]).update(created_at=old)

    with mock.patch("innovation.tasks.export_build.apply_async") as send:
        assert exports.exports_sweep(older_than=timedelta(minutes=5)) == 2

    assert sorted(call.kwargs["args"][0] for call in send.call_args_list) == sorted([lost.pk, abandoned.pk])
    abandoned.refresh_from_db()
    assert abandoned.state == Export.State.QUEUED
    alive.refresh_from_db()
    fresh.refresh_from_db()
    assert alive.state == Export.State.RUNNING and fresh.state == Export.State.QUEUED

    # and the re-sent job is built by the next delivery
    assert exports.export_run(export_id=abandoned.pk) is True


def test_the_purge_deletes_expired_files_only(staff):
    expired = ExportFactory(requested_by=staff, state=Export.State.DONE, expires_at=timezone.now() - timedelta(hours=1))
    expired.file.save("vieux.csv", ContentFile(b"x"))
    current = ExportFactory(requested_by=staff, state=Export.State.DONE, expires_at=timezone.now() + timedelta(days=1))
    current.file.save("recent.csv", ContentFile(b"y"))
    path = expired.file.path

    assert exports.exports_purge_expired() == 1

    import os

    assert not os.path.exists(path)
    expired.refresh_from_db()
    current.refresh_from_db()
    assert not expired.file and expired.size == 0
    assert current.file and os.path.exists(current.file.path)


def test_exports_and_emails_run_on_separate_queues(settings):
    from innovation.celery import app

    router = app.amqp.router
    assert router.route({}, "innovation.tasks.export_build")["queue"].name == "reports"
    assert router.route({}, "innovation.tasks.notification_send")["queue"].name == "mail"
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"innovation.tasks.exports_sweep", "innovation.tasks.exports_purge_expired"} <= tasks
