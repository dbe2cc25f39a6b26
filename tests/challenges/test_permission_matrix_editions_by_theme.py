"""Persona × URL for the edition by theme (issue 15): public, like the edition's page."""

from __future__ import annotations

import pytest

from tests.helpers.matrix import cases_for, check_case, same_for_all


def _edition(w):
    return [w["edition"].pk]


CASES = [*cases_for("challenges:edition_themes", same_for_all(200), args=_edition)]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)


def test_a_draft_is_listed_only_to_who_may_see_it(world, personas):
    from django.test import Client
    from django.urls import reverse

    url = reverse("challenges:edition_themes", args=[world["edition"].pk])
    seen = {}
    for persona in ("anonymous", "owner"):
        client = Client()
        if personas[persona] is not None:
            client.force_login(personas[persona])
        page = client.get(url).context["page"]
        seen[persona] = {c.pk for group in page.groups for c in group.challenges}

    assert world["draft"].pk not in seen["anonymous"]
    assert world["draft"].pk in seen["owner"]
