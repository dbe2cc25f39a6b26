"""The named predicates of challenges, persona by persona."""

import pytest

from challenges.selectors import challenges as selectors

PERSONAS = ["anonymous", "outsider", "contributor", "owner", "facilitator", "staff"]


def _user(personas, name):
    from django.contrib.auth.models import AnonymousUser

    return personas[name] or AnonymousUser()


@pytest.mark.parametrize(
    ("perm", "target", "allowed"),
    [
        ("challenges.view_challenge", "challenge", set(PERSONAS)),
        ("challenges.view_challenge", "draft", {"contributor", "owner", "facilitator", "staff"}),
        ("challenges.view_challenge", "other_challenge", {"staff"}),
        ("challenges.change_challenge", "draft", {"owner", "facilitator", "staff"}),
        ("challenges.move_phase", "challenge", {"facilitator", "staff"}),
        ("challenges.reformulate_question", "challenge", {"facilitator", "staff"}),
        ("challenges.manage_team", "challenge", {"facilitator", "staff"}),
        ("challenges.add_challenge", "site", {"facilitator", "staff"}),
        ("challenges.add_challenge", "other_site", {"staff"}),
        ("challenges.add_edition", None, {"staff"}),
    ],
)
def test_permission_by_persona(world, personas, perm, target, allowed):
    obj = world[target] if target else None

    granted = {name for name in PERSONAS if _user(personas, name).has_perm(perm, obj)}

    assert granted == allowed


def test_visible_challenges_hide_other_drafts(world, personas):
    visible = {
        name: set(selectors.challenges_visible_to(user=_user(personas, name)).values_list("pk", flat=True))
        for name in PERSONAS
    }

    assert visible["anonymous"] == {world["challenge"].pk}
    assert visible["owner"] == {world["challenge"].pk, world["draft"].pk}
    assert visible["facilitator"] == {world["challenge"].pk, world["draft"].pk}
    assert world["other_challenge"].pk in visible["staff"]
