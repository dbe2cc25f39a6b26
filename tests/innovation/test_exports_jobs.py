"""The export job: progress, one build and one e-mail per request, failure and retry, sweep and expiry."""

from __future__ import annotations

import tempfile
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


# --- Lease: one runner at a time, a dead runner's job taken over at once (issue 10) ---------------


def _params(site):
    return {"builder": "reports.report", "scope": "site", "scope_id": site.pk, "content": "report"}


def test_a_job_under_a_live_lease_is_left_to_its_runner_even_with_an_old_heartbeat(staff, site):
    # Given a runner that holds the lease, although its last progress save is old (a long PDF page layout)
    old = timezone.now() - timedelta(minutes=30)
    export = ExportFactory(
        requested_by=staff, parameters=_params(site), state=Export.State.RUNNING, attempts=1, heartbeat_at=old,
        lease_owner="runner-a", leased_until=timezone.now() + timedelta(seconds=60),
    )  # fmt: skip

    # Then neither a second delivery nor the sweep starts a second build
    with mock.patch("innovation.tasks.export_build.apply_async") as send:
        assert exports.exports_sweep(older_than=timedelta(minutes=5)) == 0
    assert not send.called
    assert exports.export_run(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.attempts == 1 and export.lease_owner == "runner-a"


def test_a_redelivered_job_whose_lease_ran_out_resumes_at_once(staff, site):
    # Given a runner killed 2 seconds ago: its heartbeat is fresh but its lease ran out
    export = ExportFactory(
        requested_by=staff, parameters=_params(site), state=Export.State.RUNNING, attempts=1,
        heartbeat_at=timezone.now() - timedelta(seconds=2), lease_owner="killed",
        leased_until=timezone.now() - timedelta(seconds=1),
    )  # fmt: skip

    # When the broker delivers the message again, the job is built now, under a new lease
    assert exports.export_run(export_id=export.pk) is True
    export.refresh_from_db()
    assert export.state == Export.State.DONE and export.attempts == 2
    assert export.lease_owner not in ("", "killed") and export.leased_until is None


def test_the_sweep_resends_a_job_whose_lease_ran_out_without_waiting(staff, site):
    export = ExportFactory(
        requested_by=staff, parameters=_params(site), state=Export.State.RUNNING, attempts=1,
        heartbeat_at=timezone.now(), lease_owner="killed", leased_until=timezone.now() - timedelta(seconds=1),
    )  # fmt: skip
    with mock.patch("innovation.tasks.export_build.apply_async") as send:
        assert exports.exports_sweep() == 1
    assert [call.kwargs["args"][0] for call in send.call_args_list] == [export.pk]
    export.refresh_from_db()
    assert export.state == Export.State.QUEUED and export.lease_owner == ""


def test_the_claim_is_atomic_two_runners_one_build(staff, site):
    export = ExportFactory(requested_by=staff, parameters=_params(site))
    first = exports._claim(export.pk)
    second = exports._claim(export.pk)
    assert first is not None and second is None
    assert Export.objects.get(pk=export.pk).attempts == 1


def test_a_superseded_runner_stops_at_its_next_save(staff, site):
    export = ExportFactory(requested_by=staff, parameters=_params(site))
    claimed = exports._claim(export.pk)
    progress = exports.ExportProgress(export_id=export.pk, attempt=claimed.attempts, owner=claimed.lease_owner)
    progress.save(percent=10)
    Export.objects.filter(pk=export.pk).update(lease_owner="someone-else")
    with pytest.raises(exports.ExportSuperseded):
        progress.save(percent=20)


def test_the_heartbeat_follows_the_clock_not_the_rows(staff, site, settings):
    # Given progress saved every 1,000,000 rows
    settings.EXPORT_PROGRESS_EVERY = 1_000_000
    export = ExportFactory(requested_by=staff, parameters=_params(site))
    claimed = exports._claim(export.pk)
    progress = exports.ExportProgress(export_id=export.pk, attempt=claimed.attempts, owner=claimed.lease_owner)
    progress.add_total(100)
    progress.seconds = 0.05
    progress.advance(10)
    before = Export.objects.get(pk=export.pk).heartbeat_at

    # When a second has passed since the last save, the next row saves progress and renews the lease
    import time as clock

    clock.sleep(0.06)
    progress.advance(10)
    export.refresh_from_db()
    assert export.heartbeat_at > before and export.progress == 19
    assert export.leased_until > timezone.now() + timedelta(seconds=settings.EXPORT_LEASE_SECONDS - 5)


@pytest.mark.django_db(transaction=True)  # the keeper renews from its own thread and connection
def test_the_lease_is_renewed_on_a_clock_while_the_builder_gives_no_sign(staff, site, settings):
    # Given a short lease and a builder that works 1.5 s without counting a row (a PDF page layout)
    settings.EXPORT_LEASE_SECONDS = 3
    seen = []

    def silent_builder(*, parameters, format, target, progress):
        import time as clock

        first = Export.objects.get(pk=export.pk).leased_until
        clock.sleep(1.5)
        seen.append((first, Export.objects.get(pk=export.pk).leased_until))
        target.write_bytes(b"%PDF-1.7")
        return "x.pdf"

    exports.export_builder_register(key="tests.silent", builder=silent_builder)
    export = ExportFactory(requested_by=staff, parameters={"builder": "tests.silent"}, format="pdf")
    try:
        assert exports.export_run(export_id=export.pk) is True
    finally:
        exports.BUILDERS.pop("tests.silent")
    (first, later) = seen[0]
    assert later > first  # the keeper renewed it meanwhile


def test_a_killed_build_s_work_folder_and_openpyxl_files_are_removed(staff, site, settings):
    # Given what a build killed mid-way left: its work folder with an openpyxl temporary file
    export = ExportFactory(
        requested_by=staff, parameters=_params(site), state=Export.State.RUNNING, attempts=1, format="xlsx",
        lease_owner="killed", leased_until=timezone.now() - timedelta(seconds=1),
    )  # fmt: skip
    left = exports.export_work_root() / f"export-{export.pk}-killed"
    left.mkdir(parents=True)
    (left / "openpyxl.abc123").write_text("<row/>")
    (left / "export.xlsx").write_bytes(b"PK")

    # When the job is taken over, the folder goes, and the new build leaves none behind
    from openpyxl.worksheet import _writer

    created = []
    original = _writer.create_temporary_file

    def spy(suffix=""):
        created.append(original(suffix=suffix))
        return created[-1]

    with mock.patch.object(_writer, "create_temporary_file", spy):
        assert exports.export_run(export_id=export.pk) is True
    assert not left.exists()
    assert list(exports.export_work_root().iterdir()) == []
    # openpyxl's temporary files were written into the build's own folder, not the system's
    assert created and all(path.startswith(str(exports.export_work_root())) for path in created)
    assert not tempfile.gettempdir().startswith(str(exports.export_work_root()))


def test_the_sweep_removes_folders_no_live_lease_covers(staff, site):
    live = ExportFactory(
        requested_by=staff, parameters=_params(site), state=Export.State.RUNNING, attempts=1,
        lease_owner="alive", leased_until=timezone.now() + timedelta(minutes=1),
    )  # fmt: skip
    root = exports.export_work_root()
    (root / f"export-{live.pk}-alive").mkdir(parents=True)
    (root / f"export-{live.pk}-dead").mkdir()
    (root / "export-99999-gone").mkdir()
    exports.exports_sweep()
    assert sorted(path.name for path in root.iterdir()) == [f"export-{live.pk}-alive"]
