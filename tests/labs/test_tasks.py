"""The labs' beat schedule names tasks that exist, and each task runs its reminders for today (twice: once)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from innovation.celery import app
from innovation.models import Notification
from labs import tasks
from labs.models import Authorisation, SessionRegistration
from tests.labs.factories import LabSessionFactory

pytestmark = pytest.mark.django_db


def test_every_labs_beat_entry_names_a_registered_task():
    entries = {name: entry for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if name.startswith("labs-")}

    assert {entry["task"] for entry in entries.values()} == {
        "labs.tasks.session_reminders_send",
        "labs.tasks.charter_reminders_send",
        "labs.tasks.authorisations_check",
        "labs.tasks.next_step_reminders_send",
    }
    for entry in entries.values():
        assert entry["task"] in app.tasks


def test_the_tasks_remind_for_today_and_a_second_run_writes_nothing(world, owner):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    session = LabSessionFactory(lab=world["lab"], starts_on=tomorrow, ends_on=tomorrow)
    SessionRegistration.objects.create(session=session, person=owner, registered_at=timezone.now())
    Authorisation.objects.filter(membership=world["membership"]).update(
        status="granted", valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert tasks.session_reminders_send() == 1
    assert tasks.session_reminders_send() == 0
    assert tasks.authorisations_check() == 1  # the authorisation that ended yesterday expires
    assert Authorisation.objects.get(membership=world["membership"]).status == "expired"
    assert tasks.next_step_reminders_send() == 0  # the world's next step has no due date
    assert Notification.objects.filter(kind="labs_session_reminder", recipient=owner).count() == 1
