"""Persona × URL for a site's programme (issue 15): its facilitators and staff edit it; others may not."""

from __future__ import annotations

import pytest

from challenges.models import SiteProgrammeItem
from challenges.services import editions as services
from tests.helpers.matrix import LOGIN, cases_for, check_case

EDITORS = {"anonymous": LOGIN, "outsider": 403, "contributor": 403, "owner": 403, "facilitator": 200, "staff": 200}
EDITORS_POST = {**EDITORS, "facilitator": 302, "staff": 302}


def _site(w):
    return [w["site"].pk]


def _item(w):
    return [w["site"].pk, w["item"].pk]


def _titles(w):
    return sorted(SiteProgrammeItem.objects.filter(site=w["site"]).values_list("title", flat=True))


CASES = [
    *cases_for("challenges:site_programme", EDITORS, args=_site),
    *cases_for(
        "challenges:site_programme",
        EDITORS_POST,
        method="post",
        args=_site,
        data={"new-kind": "mini_talk", "new-title": "Mini-conférence sur le design de services"},
        effect=_titles,
    ),
    *cases_for(
        "challenges:programme_item_update",
        EDITORS_POST,
        method="post",
        args=_item,
        data=lambda w: {f"i{w['item'].pk}-kind": "talk", f"i{w['item'].pk}-title": "Conférence d’ouverture"},
        effect=_titles,
    ),
]


@pytest.fixture
def world(world):
    item = services.site_programme_item_add(site=world["site"], kind="talk", title="Première conférence")
    return {**world, "item": item}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
