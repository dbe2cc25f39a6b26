"""Persona × URL for the projects assessed before they are challenges (issue 15).

The world: the owner's project (their organisation). Everybody signed in
lists their projects and opens one; the owner reads and assesses theirs; the site facilitators and staff read
every project and turn one into a challenge of a site they facilitate; others do not know it exists.
"""

from __future__ import annotations

import pytest

from grids.models import Assessment, Project
from grids.services import projects as services
from tests.helpers.matrix import LOGIN, cases_for, check_case

SIGNED_IN = {"anonymous": LOGIN, "outsider": 200, "contributor": 200, "owner": 200, "facilitator": 200, "staff": 200}
CREATE_POST = {**SIGNED_IN, "outsider": 302, "contributor": 302, "owner": 302, "facilitator": 302, "staff": 302}
READERS = {"anonymous": LOGIN, "outsider": 404, "contributor": 404, "owner": 200, "facilitator": 200, "staff": 200}
ASSESSOR = {"anonymous": LOGIN, "outsider": 404, "contributor": 404, "owner": 302, "facilitator": 403, "staff": 403}
CONVERTERS = {"anonymous": LOGIN, "outsider": 404, "contributor": 404, "owner": 403, "facilitator": 200, "staff": 200}
CONVERTERS_POST = {**CONVERTERS, "facilitator": 302, "staff": 302}


def _project(w):
    return [w["project"].pk]


def _projects(w):
    return Project.objects.count()


def _assessments(w):
    return Assessment.objects.filter(project=w["project"]).count()


def _challenge_of(w):
    return Project.objects.get(pk=w["project"].pk).challenge_id


def _challenge_data(w):
    return {"site": w["site"].pk, "number": 40, "question": "Comment accompagner ce projet ?"}


CASES = [
    *cases_for("grids:project_list", SIGNED_IN),
    *cases_for("grids:project_create", SIGNED_IN),
    *cases_for(
        "grids:project_create",
        CREATE_POST,
        method="post",
        data={"title": "Un projet de plus", "description": ""},
        effect=_projects,
    ),
    *cases_for("grids:project_detail", READERS, args=_project),
    *cases_for("grids:project_assess", ASSESSOR, method="post", args=_project, effect=_assessments),
    *cases_for("grids:project_to_challenge", CONVERTERS, args=_project),
    *cases_for(
        "grids:project_to_challenge",
        CONVERTERS_POST,
        method="post",
        args=_project,
        data=_challenge_data,
        effect=_challenge_of,
    ),
]


@pytest.fixture
def world(world, owner):
    project = services.project_create(owner=owner, title="Tiers-lieu de la médiathèque", description="")
    return {**world, "project": project}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
