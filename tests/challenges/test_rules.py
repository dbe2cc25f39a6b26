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


# Who sees a challenge, draft or published: the one table both the predicate and the query must follow.
VISIBILITY = {
    #  persona:              (published, draft)
    "anonymous": (True, False),
    "outsider": (True, False),
    "contributor": (True, True),
    "owner": (True, True),
    "facilitator": (True, True),  # of the challenge's site
    "other_facilitator": (True, False),  # of another site of the same edition
    "staff": (True, True),
}


@pytest.mark.parametrize("persona", sorted(VISIBILITY))
@pytest.mark.parametrize("status", ["published", "draft"])
def test_the_visibility_predicate_and_query_agree_with_the_table(world, personas, persona, status):
    # Given a challenge of the site, published or draft, and a person in one role
    challenge = world["challenge"] if status == "published" else world["draft"]
    other_facilitator = world["other_site"].facilitators.get()
    user = other_facilitator if persona == "other_facilitator" else _user(personas, persona)
    expected = VISIBILITY[persona][0 if status == "published" else 1]

    # When the permission and the scope of the pages are asked
    by_predicate = user.has_perm("challenges.view_challenge", challenge)
    by_query = selectors.challenges_visible_to(user=user).filter(pk=challenge.pk).exists()

    # Then both give the table's answer
    assert (by_predicate, by_query) == (expected, expected)


def test_the_visibility_predicate_asks_the_database_once_per_object(world, outsider, django_assert_num_queries):
    draft = world["draft"]

    with django_assert_num_queries(1):
        assert [outsider.has_perm("challenges.view_challenge", draft) for _ in range(3)] == [False] * 3


def test_one_site_object_answers_each_person_for_themselves(world, facilitator, owner):
    site = world["site"]

    answers = [person.has_perm("challenges.add_challenge", site) for person in (owner, facilitator, owner)]

    assert answers == [False, True, False]
