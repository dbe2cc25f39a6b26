"""Labs' jobs on a real Celery worker: the daily session reminder (sent by name, as beat does) e-mails the
agenda, and the network file is built on the reports queue."""

from __future__ import annotations

import datetime

import openpyxl
import pytest
from django.utils import timezone

from innovation.models import Export, Notification
from innovation.queue import task_send
from labs import reports
from labs.models import SessionRegistration
from tests.factories import UserFactory
from tests.helpers.worker import sent_messages, wait_for
from tests.labs.factories import AgendaItemFactory, LabSessionFactory, NetworkMembershipFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Before the worker starts, so that it writes where the test reads."""
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_session_reminder_task_e_mails_the_agenda_the_day_before(celery_worker_factory):
    start = celery_worker_factory
    start()
    member = NetworkMembershipFactory(person=UserFactory(email="lucie@example.org", language="fr"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    session = LabSessionFactory(lab=member.network.lab, number=11, starts_on=tomorrow, ends_on=tomorrow)
    AgendaItemFactory(session=session, title="Accueil et brise-glace")
    SessionRegistration.objects.create(session=session, person=member.person, registered_at=timezone.now())

    task_send("labs.tasks.session_reminders_send")

    wait_for(
        lambda: Notification.objects.filter(kind="labs_session_reminder", sent_at__isnull=False).exists(),
        what="the reminder to be sent",
    )
    (message,) = sent_messages(start.mail_dir)
    assert "lucie@example.org" in message
    assert "09:00–09:30 · Accueil et brise-glace" in message


def test_the_network_file_is_built_by_the_worker(celery_worker_factory):
    celery_worker_factory()
    member = NetworkMembershipFactory(person=UserFactory(display_name="Lucie Perrin"))
    coordinator = NetworkMembershipFactory(network=member.network, role="coordinator").person

    export = reports.network_file_request(requested_by=coordinator, network=member.network, format="xlsx")

    wait_for(lambda: Export.objects.filter(pk=export.pk, state=Export.State.DONE).exists(), what="the export")
    export.refresh_from_db()
    names = [row[0] for row in openpyxl.load_workbook(export.file.path)["Membres"].iter_rows(values_only=True)]
    assert "Lucie Perrin" in names
