"""Persona × URL for lab networks: members see their network, others get 404."""

import pytest

from tests.helpers.matrix import LOGIN, cases_for, check_case


def _network(world):
    return [world["network"].pk]


def _other(world):
    return [world["other_network"].pk]


MEMBERS_OK = {"anonymous": LOGIN, "outsider": 404, "contributor": 200, "owner": 200, "facilitator": 200, "staff": 200}

CASES = [
    *cases_for("labs:network_list", {**dict.fromkeys(MEMBERS_OK, 200), "anonymous": LOGIN}),
    *cases_for("labs:network_detail", MEMBERS_OK, args=_network),
    *cases_for(
        "labs:network_detail",
        {"anonymous": LOGIN, "outsider": 404, "contributor": 404, "owner": 404, "facilitator": 404, "staff": 200},
        args=_other,
    ),
    *cases_for(
        "labs:charter_accept",
        # Staff see every network but are not members: they cannot accept its charter for someone.
        {"anonymous": LOGIN, "outsider": 404, "contributor": 302, "owner": 302, "facilitator": 302, "staff": 403},
        method="post",
        args=_network,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
