"""Bad input on the assessment pages gets a French message next to the field, never an HTTP 500 (issue 10).

Each case is a signed-in POST (or GET) a person or a tampered page can send: digits that are not 0–9
(``²``), a field *name* ``level-²``, a NUL byte in a justification. The Django test client re-raises
a view's exception, so a 500 fails these tests loudly.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from grids.models import Answer, Assessment
from grids.services import assessments as services
from tests.grids.assessment_factories import criteria_of, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, owner):
    return services.assessment_start(challenge=world["challenge"], by=owner)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def _html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("value", ["²", "٣", "1²", "Ⅱ"])
def test_an_autosaved_level_in_other_digits_is_refused_in_french(signed_in, draft, value):
    criterion = criteria_of(draft.grid)[0]

    response = signed_in.post(
        reverse("grids:answer_save", args=[draft.pk, criterion.pk]),
        {f"level-{criterion.pk}": value, f"justification-{criterion.pk}": "Parce que"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200  # htmx swaps the message in place
    assert "Choisissez un niveau de l’échelle (0 à 3)" in _html(response)
    assert not Answer.objects.exists()


def test_a_level_in_other_digits_in_the_full_form_comes_back_next_to_its_criterion(signed_in, draft):
    criterion = criteria_of(draft.grid)[1]

    response = signed_in.post(
        reverse("grids:assessment_form", args=[draft.pk]),
        {f"level-{criterion.pk}": "²", f"justification-{criterion.pk}": "Mon texte gardé", "action": "save"},
    )

    assert response.status_code == 400
    html = _html(response)
    assert f'id="error-{criterion.pk}"' in html
    assert "Choisissez un niveau de l’échelle (0 à 3)" in html
    assert "Mon texte gardé" in html  # nothing typed is lost
    assert not Answer.objects.exists()


@pytest.mark.parametrize("name", ["level-²", "justification-²", "level-٣", "level-"])
def test_a_field_name_with_other_digits_is_refused_in_french(signed_in, draft, name):
    criterion = criteria_of(draft.grid)[0]

    response = signed_in.post(
        reverse("grids:assessment_form", args=[draft.pk]),
        {name: "1", f"level-{criterion.pk}": "2", "action": "save"},
    )

    assert response.status_code == 400
    assert "Ce critère ne fait pas partie de la grille de cette évaluation." in _html(response)
    assert not Answer.objects.exists()


def test_a_nul_byte_in_an_autosaved_justification_is_refused_in_french(signed_in, draft):
    criterion = criteria_of(draft.grid)[0]

    response = signed_in.post(
        reverse("grids:answer_save", args=[draft.pk, criterion.pk]),
        {f"level-{criterion.pk}": "2", f"justification-{criterion.pk}": "avant\x00après"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "Le caractère nul n’est pas autorisé." in _html(response)
    assert not Answer.objects.exists()


def test_a_nul_byte_in_a_justification_of_the_full_form_is_refused_next_to_it(signed_in, draft):
    criterion = criteria_of(draft.grid)[0]

    response = signed_in.post(
        reverse("grids:assessment_form", args=[draft.pk]),
        {f"level-{criterion.pk}": "2", f"justification-{criterion.pk}": "avant\x00après", "action": "submit"},
    )

    assert response.status_code == 400
    assert "Le caractère nul n’est pas autorisé." in _html(response)
    assert not Answer.objects.exists()
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


@pytest.mark.parametrize("grid", ["²", "٣", "1²", "abc", "-1", "99999999999999999999999"])
def test_a_grid_in_other_digits_when_starting_is_refused_in_french(signed_in, world, grid):
    response = signed_in.post(
        reverse("grids:assessment_start", args=[world["challenge"].pk]), {"grid": grid}, follow=True
    )

    assert response.status_code == 400
    assert "Choisissez une grille de la liste." in _html(response)
    assert not Assessment.objects.exists()


def test_a_facilitator_review_with_a_grid_in_other_digits_is_refused_in_french(client, world, facilitator):
    client.force_login(facilitator)

    response = client.post(reverse("grids:review_start", args=[world["challenge"].pk]), {"grid": "²"})

    assert response.status_code == 400
    assert "Choisissez une grille de la liste." in _html(response)
    assert not Assessment.objects.exists()


def test_starting_without_a_grid_still_uses_the_default_one(signed_in, world):
    response = signed_in.post(reverse("grids:assessment_start", args=[world["challenge"].pk]))

    assert response.status_code == 302
    assert Assessment.objects.get().grid.is_default


@pytest.mark.parametrize("sort", ["step²", "-step²", "step٣", "step99999999999999999999", "step-1", "étape"])
def test_a_sort_key_in_other_digits_falls_back_to_the_number(client, world, facilitator, owner, sort):
    submitted(services.assessment_start(challenge=world["challenge"], by=owner))
    client.force_login(facilitator)

    response = client.get(reverse("grids:site_assessments", args=[world["site"].pk]), {"sort": sort})

    assert response.status_code == 200
    order = "descending" if sort.startswith("-") else "ascending"
    assert f'<th scope="col" aria-sort="{order}">\n      <a href="?sort=' in _html(response)
    assert _html(response).count("aria-sort=") == 1


def test_a_sort_by_a_step_still_sorts(client, world, facilitator, owner):
    submitted(services.assessment_start(challenge=world["challenge"], by=owner))
    client.force_login(facilitator)

    response = client.get(reverse("grids:site_assessments", args=[world["site"].pk]), {"sort": "-step1"})

    assert response.status_code == 200
    assert 'aria-sort="descending"' in _html(response)
