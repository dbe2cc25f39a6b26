"""Persona × URL for the cross-cutting pages: accounts, invitations, home, health, administration."""

from __future__ import annotations

import pytest

from innovation.services import invitations
from tests.factories import UserFactory
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all


def _invitation_token(world):
    return [world["invitation_token"]]


def _gone_for_all():
    return same_for_all(410)


CASES = [
    *cases_for("home", same_for_all(200)),
    *cases_for("healthz", same_for_all(200)),
    # A signed-in person asking for the login or sign-up page is sent on to the home page.
    *cases_for("account_login", {**same_for_all(302), "anonymous": 200}),
    *cases_for("account_signup", {**same_for_all(302), "anonymous": 200}),
    *cases_for("account_reset_password", same_for_all(200)),
    *cases_for(
        "account_change_password",
        {**same_for_all(200), "anonymous": LOGIN},
    ),
    *cases_for("account_email", {**same_for_all(200), "anonymous": LOGIN}),
    *cases_for("account_logout", {**same_for_all(302)}, method="post"),
    *cases_for("set_language", same_for_all(302), method="post", data={"language": "en", "next": "/"}),
    *cases_for("invitation_accept", same_for_all(200), args=_invitation_token),
    *cases_for(
        "admin:index",
        {
            "anonymous": 302,
            "outsider": 302,
            "contributor": 302,
            "owner": 302,
            "facilitator": 302,
            "staff": 200,
        },
    ),
]


@pytest.fixture
def world(db):
    person, _ = invitations.person_get_or_create(email="invited@example.org")
    invitation = invitations.invitation_create(person=person, invited_by=UserFactory(), next_url="/", purpose="")
    return {"invitation_token": invitations.invitation_token(invitation=invitation)}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas, settings):
    settings.SIGNUP_OPEN = True
    check_case(case, world=world, personas=personas)
