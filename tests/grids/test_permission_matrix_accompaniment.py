"""Persona × URL for the accompaniment plans (issue 15).

The world: the owner's submitted self-assessment of the published challenge, verdict "to rework", and a
plan started from a second one. Those who follow the challenge see the plan and update its actions;
the owner and those who run the challenge start one; an outsider does not know the assessment exists.
"""

from __future__ import annotations

import pytest

from grids.models import AccompanimentAction, AccompanimentPlan
from grids.services import accompaniment as services
from tests.grids.assessment_factories import AssessmentFactory, grid_build, submitted
from tests.helpers.matrix import LOGIN, cases_for, check_case

STARTERS = {"anonymous": LOGIN, "outsider": 404, "contributor": 403, "owner": 302, "facilitator": 302, "staff": 302}
FOLLOWERS = {"anonymous": LOGIN, "outsider": 404, "contributor": 200, "owner": 200, "facilitator": 200, "staff": 200}
FOLLOWERS_POST = {**FOLLOWERS, "contributor": 302, "owner": 302, "facilitator": 302, "staff": 302}


def _rework(w):
    return [w["rework"].pk]


def _plan(w):
    return [w["plan"].pk]


def _action(w):
    return [w["plan"].pk, w["action"].pk]


def _plans(w):
    return AccompanimentPlan.objects.filter(assessment=w["rework"]).count()


def _action_state(w):
    return AccompanimentAction.objects.get(pk=w["action"].pk).state


def _action_data(w):
    prefix = f"a{w['action'].pk}"
    return {f"{prefix}-text": "Rencontrer les usagers", f"{prefix}-state": "done", f"{prefix}-due_on": "2026-12-15"}


CASES = [
    *cases_for("grids:plan_start", STARTERS, method="post", args=_rework, effect=_plans),
    *cases_for("grids:plan_detail", FOLLOWERS, args=_plan),
    *cases_for(
        "grids:action_update", FOLLOWERS_POST, method="post", args=_action, data=_action_data, effect=_action_state
    ),
]


@pytest.fixture
def world(world, owner, facilitator):
    grid = grid_build((1, 1), mandatory_first=False)
    rework = submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=0)
    planned = submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=0)
    plan = services.plan_start(assessment=planned, by=facilitator)
    return {**world, "rework": rework, "plan": plan, "action": plan.actions.first()}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
