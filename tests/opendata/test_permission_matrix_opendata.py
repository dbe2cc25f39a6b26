"""Persona × URL for the open data: public to everybody, drafts to nobody; only the owner shares a verdict."""

from __future__ import annotations

import pytest

from challenges.models import Challenge
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all

PUBLIC = same_for_all(200)
NOBODY = same_for_all(404)
API = "opendata-api:"

CASES = [
    *cases_for("opendata:index", PUBLIC),
    *cases_for("opendata:edition_csv", PUBLIC, args=lambda w: [w["edition"].pk]),
    *cases_for("opendata:edition_json", PUBLIC, args=lambda w: [w["edition"].pk]),
    *cases_for("opendata:edition_csv", NOBODY, args=lambda w: [w["edition"].pk + 1000]),
    *cases_for(f"{API}api-root", NOBODY),  # the API has no page of its own: see opendata:index
    *cases_for(f"{API}openapi-json", PUBLIC),
    *cases_for(f"{API}edition_list", PUBLIC),
    *cases_for(f"{API}edition_detail", PUBLIC, args=lambda w: [w["edition"].pk]),
    *cases_for(f"{API}site_list", PUBLIC),
    *cases_for(f"{API}site_detail", PUBLIC, args=lambda w: [w["site"].pk]),
    *cases_for(f"{API}theme_list", PUBLIC),
    *cases_for(f"{API}challenge_list", PUBLIC),
    *cases_for(f"{API}challenge_detail", PUBLIC, args=lambda w: [w["challenge"].pk]),
    # A draft is not public, whoever asks: its team and staff see it on the site, never in the open data.
    *cases_for(f"{API}challenge_detail", NOBODY, args=lambda w: [w["draft"].pk]),
    *cases_for(
        "opendata:verdict_sharing",
        {**same_for_all(403), "anonymous": LOGIN, "owner": 302},
        method="post",
        args=lambda w: [w["challenge"].pk],
        data={"shares": "1"},
    ),
    *cases_for("opendata:verdict_sharing", same_for_all(405), args=lambda w: [w["challenge"].pk]),
    # Another site's draft stays out of reach (404; anonymous visitors sign in first, as everywhere) except for
    # staff, who may not share.
    *cases_for(
        "opendata:verdict_sharing",
        {**same_for_all(404), "anonymous": LOGIN, "staff": 403},
        method="post",
        args=lambda w: [w["other_challenge"].pk],
        data={"shares": "1"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)

    if case.url_name == "opendata:verdict_sharing" and case.method == "post":
        shared = Challenge.objects.filter(
            pk__in=[world["challenge"].pk, world["other_challenge"].pk], shares_verdict=True
        )
        # Then only the owner's POST switched the sharing on, and only on their own challenge
        assert list(shared) == ([world["challenge"]] if case.expected == 302 else [])
