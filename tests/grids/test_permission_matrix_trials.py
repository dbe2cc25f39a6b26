"""Persona × URL for the grid trials (issue 15).

The world: a trial of a grid version on the published challenge of the facilitator's site. The site's
facilitator and staff run and conclude it; the people of the site (the challenge's team) see it and vote;
an outsider does neither.
"""

from __future__ import annotations

import pytest

from grids.models import Criterion, GridTrial, TrialVote
from grids.services import trials as services
from tests.grids.assessment_factories import grid_build
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all

RUNNERS_GET = {**same_for_all(403), "anonymous": LOGIN, "facilitator": 200, "staff": 200}
RUNNERS_POST = {**same_for_all(403), "anonymous": LOGIN, "facilitator": 302, "staff": 302}
PEOPLE_OF_THE_SITE = {**same_for_all(200), "anonymous": LOGIN, "outsider": 403}
VOTERS = {**same_for_all(302), "anonymous": LOGIN, "outsider": 403}


def _site(w):
    return [w["site"].pk]


def _trial(w):
    return [w["trial"].pk]


def _trial_count(w):
    return GridTrial.objects.filter(site=w["site"]).count()


def _votes(w):
    return TrialVote.objects.filter(trial=w["trial"]).count()


def _outcome(w):
    return GridTrial.objects.get(pk=w["trial"].pk).outcome


def _start_data(w):
    return {"grid": w["other_grid"].pk, "challenges": [w["challenge"].pk]}


def _vote_data(w):
    return {"criterion": w["criterion"].pk, "verdict": "relevant", "comment": ""}


def _a_vote(client, w):
    services.trial_vote(trial=w["trial"], tester=w["site_tester"], criterion=w["criterion"], verdict="relevant")


CASES = [
    *cases_for("grids:trial_start", RUNNERS_GET, args=_site),
    *cases_for("grids:trial_start", RUNNERS_POST, method="post", args=_site, data=_start_data, effect=_trial_count),
    *cases_for("grids:trial_detail", PEOPLE_OF_THE_SITE, args=_trial),
    *cases_for("grids:trial_vote", VOTERS, method="post", args=_trial, data=_vote_data, effect=_votes),
    *cases_for(
        "grids:trial_conclude",
        RUNNERS_POST,
        method="post",
        args=_trial,
        data={"outcome": "validated", "conclusion": "Les critères sont pertinents."},
        prepare=_a_vote,
        effect=_outcome,
    ),
]


@pytest.fixture
def world(world, facilitator):
    grid = grid_build((1, 1))
    trial = services.trial_start(grid=grid, site=world["site"], challenges=[world["challenge"]], by=facilitator)
    return {
        **world,
        "trial": trial,
        "other_grid": grid_build((1,)),
        "criterion": Criterion.objects.filter(step__grid=grid).first(),
        "site_tester": facilitator,
    }


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
