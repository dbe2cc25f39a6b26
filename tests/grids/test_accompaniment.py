"""Accompaniment after « à retravailler »: a plan per weak step, its actions, reminders, the re-assessment."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grids.models import AccompanimentAction, Answer, Assessment
from grids.selectors import results_plans
from grids.services import accompaniment as services
from grids.services.assessments import assessment_submit
from innovation.models import Delivery, Notification
from innovation.services import notifications
from tests.grids.assessment_factories import AssessmentFactory, criteria_of, grid_build, submitted

TODAY = datetime.date(2026, 3, 2)


def _assess(challenge, grid, assessor, levels: dict[int, int], at=None) -> Assessment:
    """A submitted self-assessment with ``levels`` by step position (every criterion of the step at that level)."""
    assessment = AssessmentFactory(challenge=challenge, grid=grid, assessor=assessor)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, criterion=c, level=levels[c.step.position], justification="Parce que.")
        for c in criteria_of(grid)
    )
    return assessment_submit(assessment=assessment, by=assessor, at=at or timezone.now())


@pytest.fixture
def grid(db):
    return grid_build((2, 2, 2), mandatory_first=False)


@pytest.fixture
def rework(world, grid, owner):
    # Steps 1 and 3 weak (level 0 of 3), step 2 sufficient
    return _assess(world["challenge"], grid, owner, {1: 0, 2: 3, 3: 1})


def test_a_plan_has_one_action_per_weak_step_prefilled_from_the_rework_advice(rework, facilitator, owner):
    plan = services.plan_start(assessment=rework, by=facilitator)

    actions = list(plan.actions.order_by("step_position"))
    assert [(a.step_position, a.assignee, a.state) for a in actions] == [(1, owner, "todo"), (3, owner, "todo")]
    assert actions[0].text.startswith("Retravaillez cette étape.")
    assert "- Critère 1.1" in actions[0].text and "- Critère 1.2" in actions[0].text
    # Starting it again gives the same plan
    assert services.plan_start(assessment=rework, by=owner) == plan
    assert AccompanimentAction.objects.count() == 2


def test_no_plan_for_an_assessment_ready_for_public_action(world, grid, owner, facilitator):
    ready = submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=3)

    with pytest.raises(ValidationError):
        services.plan_start(assessment=ready, by=facilitator)


def test_an_action_goes_to_a_team_member_only(rework, facilitator, outsider, contributor):
    action = services.plan_start(assessment=rework, by=facilitator).actions.first()

    with pytest.raises(ValidationError) as error:
        services.action_update(action=action, by=facilitator, text="x", assignee=outsider, due_on=None, state="todo")
    assert "assignee" in error.value.error_dict

    done = services.action_update(
        action=action, by=facilitator, text="Rencontrer les usagers", assignee=contributor, due_on=TODAY, state="done"
    )
    assert (done.assignee, done.state, done.done_at is not None) == (contributor, "done", True)


def test_the_next_assessment_shows_the_actions_done_next_to_the_step_scores_that_moved(
    world, grid, rework, owner, facilitator
):
    plan = services.plan_start(assessment=rework, by=facilitator)
    first, _third = plan.actions.order_by("step_position")
    services.action_update(action=first, by=owner, text=first.text, assignee=owner, due_on=TODAY, state="done")

    later = _assess(world["challenge"], grid, owner, {1: 2, 2: 3, 3: 1}, at=timezone.now() + datetime.timedelta(days=1))
    _own, progress = results_plans(assessment=later, user=owner)

    rows = [(s.position, s.moved, [a.state for a in s.actions]) for s in progress.steps]
    assert rows == [(1, True, ["done"]), (2, False, []), (3, False, ["todo"])]
    assert (progress.done, progress.total) == (1, 2)
    client = Client()
    client.force_login(owner)
    page = client.get(reverse("grids:assessment_results", args=[later.pk])).content.decode()
    section = page.split('data-testid="plan-progress"')[1].split("</section>")[0]
    assert "1 action faite sur 2" in section
    assert ">Terminé</span>" in section and ">À faire</span>" in section  # each state by its own label
    assert "+67" in section  # step 1: 0 → 67


def test_the_results_page_reads_both_plans_in_one_query_without_joins(world, grid, rework, owner, facilitator):
    # Each plan lookup used to go through the visibility query and join five tables: PostgreSQL spent more time
    # planning those two queries than the rest of the page. The page knows the assessments already.
    plan = services.plan_start(assessment=rework, by=facilitator)
    later = _assess(world["challenge"], grid, owner, {1: 2, 2: 3, 3: 1}, at=timezone.now() + datetime.timedelta(days=1))
    client = Client()
    client.force_login(owner)
    url = reverse("grids:assessment_results", args=[later.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()

    plan_queries = [q["sql"] for q in queries.captured_queries if 'FROM "grids_accompanimentplan"' in q["sql"]]
    assert len(plan_queries) == 1
    assert "JOIN" not in plan_queries[0]
    assert 'data-testid="plan-progress"' in page  # the progress since the earlier plan, with a link to it
    assert reverse("grids:plan_detail", args=[plan.pk]) in page


def _due(rework, facilitator, owner, due_on, state="todo"):
    action = services.plan_start(assessment=rework, by=facilitator).actions.order_by("step_position").first()
    return services.action_update(action=action, by=owner, text=action.text, assignee=owner, due_on=due_on, state=state)


def test_an_action_due_in_three_days_is_reminded_once(rework, facilitator, owner, django_capture_on_commit_callbacks):
    _due(rework, facilitator, owner, TODAY + datetime.timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        first = services.accompaniment_reminders_send(today=TODAY)
        second = services.accompaniment_reminders_send(today=TODAY)

    assert (first, second) == (1, 0)
    row = Notification.objects.get(recipient=owner, kind__startswith="accompaniment")
    assert row.kind == "accompaniment_action_due_soon"
    reminders = [message for message in mail.outbox if "Accompagnement" in message.subject]
    assert [message.to for message in reminders] == [[owner.email]]
    assert "arrive à échéance le jeudi 5 mars 2026" in " ".join(reminders[0].body.split())


@pytest.mark.parametrize("days, expected", [(4, 0), (2, 0), (0, 0), (-1, 1)])
def test_only_three_days_before_or_overdue(rework, facilitator, owner, days, expected):
    _due(rework, facilitator, owner, TODAY + datetime.timedelta(days=days))

    assert services.accompaniment_reminders_send(today=TODAY) == expected
    kinds = set(Notification.objects.filter(kind__startswith="accompaniment").values_list("kind", flat=True))
    assert kinds == ({"accompaniment_action_overdue"} if expected else set())


def test_a_done_action_is_not_reminded(rework, facilitator, owner):
    _due(rework, facilitator, owner, TODAY - datetime.timedelta(days=5), state="done")

    assert services.accompaniment_reminders_send(today=TODAY) == 0


def test_the_reminder_respects_the_reminders_preference(rework, facilitator, owner, django_capture_on_commit_callbacks):
    notifications.notification_preference_set(person=owner, category="reminders", delivery=Delivery.DIGEST)
    _due(rework, facilitator, owner, TODAY - datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        services.accompaniment_reminders_send(today=TODAY)

    assert Notification.objects.get(recipient=owner, kind="accompaniment_action_overdue").delivery == Delivery.DIGEST
    assert not [message for message in mail.outbox if "Accompagnement" in message.subject]


def test_the_beat_task_is_thin_and_scheduled(settings):
    from grids import tasks

    assert settings.CELERY_BEAT_SCHEDULE["accompaniment-reminders"]["task"] == tasks.accompaniment_reminders_send.name
