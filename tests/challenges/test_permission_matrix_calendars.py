"""Persona × URL for the edition and site calendars: public, like their pages; an unknown one answers 404."""

from __future__ import annotations

import pytest

from tests.helpers.matrix import cases_for, check_case, same_for_all

CASES = [
    *cases_for("challenges:edition_calendar", same_for_all(200), args=lambda w: [w["edition"].pk]),
    *cases_for("challenges:site_calendar", same_for_all(200), args=lambda w: [w["site"].pk]),
    *cases_for("challenges:edition_calendar", same_for_all(404), args=lambda w: [w["edition"].pk + 1000]),
    *cases_for("challenges:site_calendar", same_for_all(404), args=lambda w: [w["site"].pk + 1000]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
