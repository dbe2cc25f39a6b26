"""Persona × URL for the key ideas of a challenge (issue 15): the team lists and retains, the owner confirms."""

from __future__ import annotations

import pytest

from challenges.models import Idea
from tests.helpers.matrix import LOGIN, cases_for, check_case

TEAM_GET = {"anonymous": LOGIN, "outsider": 403, "contributor": 200, "owner": 200, "facilitator": 200, "staff": 200}
TEAM_POST = {**TEAM_GET, "contributor": 302, "owner": 302, "facilitator": 302, "staff": 302}
TEAM_ADD_DRAFT = {**TEAM_POST, "outsider": 404}
OWNER_POST = {"anonymous": LOGIN, "outsider": 403, "contributor": 403, "owner": 302, "facilitator": 403, "staff": 403}


def _challenge(w):
    return [w["challenge"].pk]


def _draft(w):
    return [w["draft"].pk]


def _open_idea(w):
    return [w["challenge"].pk, w["open_idea"].pk]


def _retained_idea(w):
    return [w["challenge"].pk, w["retained_idea"].pk]


def _idea_count(key):
    return lambda w: Idea.objects.filter(challenge=w[key]).count()


def _retained(w):
    return Idea.objects.get(pk=w["open_idea"].pk).retained


def _confirmed(w):
    return Idea.objects.get(pk=w["retained_idea"].pk).confirmed_at is not None


CASES = [
    *cases_for("challenges:idea_list", TEAM_GET, args=_challenge),
    *cases_for(
        "challenges:idea_list",
        TEAM_POST,
        method="post",
        args=_challenge,
        data={"title": "Rendre les habitants acteurs", "description": ""},
        effect=_idea_count("challenge"),
    ),
    # A draft's ideas: hidden from the outsider
    *cases_for(
        "challenges:idea_list",
        TEAM_ADD_DRAFT,
        method="post",
        args=_draft,
        data={"title": "Une idée", "description": ""},
        effect=_idea_count("draft"),
    ),
    *cases_for(
        "challenges:idea_retain", TEAM_POST, method="post", args=_open_idea, data={"retained": "1"}, effect=_retained
    ),
    *cases_for("challenges:idea_confirm", OWNER_POST, method="post", args=_retained_idea, effect=_confirmed),
]


@pytest.fixture
def world(world):
    challenge = world["challenge"]
    open_idea = Idea.objects.create(challenge=challenge, position=1, title="Encapacité des habitants")
    retained_idea = Idea.objects.create(
        challenge=challenge, position=2, title="Mobiliser les ressources", retained=True
    )
    return {**world, "open_idea": open_idea, "retained_idea": retained_idea}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
