"""Grids: the default grid, versioning, duplication, JSON export and import, the editor."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from grids.models import Assessment, Criterion, Grid, GridStep
from grids.services import grids as services
from grids.services.scoring import assessment_result
from tests.grids.assessment_factories import AssessmentFactory, grid_build, submitted

pytestmark = pytest.mark.django_db


def test_the_default_grid_is_present_in_french_with_five_steps_and_a_mandatory_users_criterion():
    grid = services.default_grid_ensure()

    steps = list(grid.steps.order_by("position"))
    assert [s.position for s in steps] == [1, 2, 3, 4, 5]
    assert steps[0].title == "Le problème et ses usagers"
    assert "parties prenantes" in steps[1].title
    assert all(3 <= step.criteria.count() <= 6 for step in steps)
    mandatory = Criterion.objects.filter(step__grid=grid, mandatory=True)
    assert [c.text for c in mandatory] == [
        "La dimension usagers : les usagers concernés sont identifiés et ont été rencontrés"
    ]
    assert [level["label"] for level in grid.levels] == ["pas encore", "amorcé", "en bonne voie", "acquis"]


def test_default_grid_ensure_is_idempotent():
    first = services.default_grid_ensure()

    second = services.default_grid_ensure()

    assert first.pk == second.pk
    assert Grid.objects.filter(is_default=True).count() == 1


def test_editing_an_unused_grid_edits_it_in_place(staff):
    grid = grid_build((2, 2))
    step = grid.steps.get(position=1)

    updated = services.step_update(step=step, by=staff, title="Nouveau titre")

    assert updated.pk == step.pk
    assert Grid.objects.filter(lineage=grid.lineage).count() == 1


def test_changing_a_used_grid_creates_a_new_version_and_earlier_results_stay_unchanged(world, owner, staff):
    # Given a submitted assessment on version 1
    grid = grid_build((2, 2))
    assessment = submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=1)
    before = assessment_result(assessment=assessment)
    first = Criterion.objects.get(step__grid=grid, step__position=1, position=1)

    # When the grid is edited: a criterion's weight, a new criterion, a stricter threshold
    changed = services.criterion_update(criterion=first, by=staff, weight=9, text="Changé")
    services.criterion_create(step=changed.step, by=staff, text="Nouveau critère", mandatory=True)
    services.grid_update(grid=grid, by=staff, step_threshold=90)

    # Then a version 2 is current and version 1 is untouched
    grid.refresh_from_db()
    new = Grid.objects.get(lineage=grid.lineage, is_current=True)
    assert (grid.version, grid.is_current, new.version) == (1, False, 2)
    assert new.step_threshold == 90
    assert Criterion.objects.get(pk=first.pk).text == first.text
    assert Criterion.objects.filter(step__grid=new).count() == 5
    # And the earlier result means the same
    assessment.refresh_from_db()
    assert assessment.grid_id == grid.pk
    assert assessment_result(assessment=assessment) == before
    # And a new assessment starts on the new version
    assert Grid.objects.filter(lineage=grid.lineage).count() == 2


def test_a_second_edit_of_the_new_version_does_not_create_a_third(world, owner, staff):
    grid = grid_build((2,))
    AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner)
    step = grid.steps.get()

    one = services.step_update(step=step, by=staff, title="A")
    two = services.step_update(step=step, by=staff, title="B")

    assert one.pk == two.pk
    assert Grid.objects.filter(lineage=grid.lineage).count() == 2


def test_reordering_steps_and_criteria(staff):
    grid = grid_build((3, 1))
    first, second = grid.steps.order_by("position")
    criteria = list(Criterion.objects.filter(step=first).order_by("position"))

    services.step_move(step=second, by=staff, offset=-1)
    services.criterion_move(criterion=criteria[0], by=staff, offset=1)

    assert list(grid.steps.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    assert list(Criterion.objects.filter(step=first).order_by("position").values_list("pk", flat=True)) == [
        criteria[1].pk,
        criteria[0].pk,
        criteria[2].pk,
    ]


def test_duplicating_a_grid_to_adapt_it(staff):
    default = services.default_grid_ensure()

    copy = services.grid_duplicate(grid=default, by=staff, title="Durabilité d’un bâtiment patrimonial")

    assert copy.lineage != default.lineage and copy.version == 1 and not copy.is_default
    assert copy.based_on_id == default.pk
    assert Criterion.objects.filter(step__grid=copy).count() == Criterion.objects.filter(step__grid=default).count()


def test_export_then_import_gives_the_same_grid(staff):
    default = services.default_grid_ensure()
    data = services.grid_export_data(grid=default)

    imported = services.grid_import(raw=json.dumps(data).encode(), by=staff)

    assert services.grid_export_data(grid=imported) == data
    assert imported.lineage != default.lineage


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "JSON valide"),
        (b"[1, 2]", "objet JSON"),
        (json.dumps({"format": "other"}).encode(), "n’est pas une grille"),
        (b"\xff\xfe", "UTF-8"),
    ],
)
def test_a_malformed_grid_file_is_refused_in_french_and_creates_nothing(staff, raw, message):
    count = Grid.objects.count()

    with pytest.raises(ValidationError) as error, services_french():
        services.grid_import(raw=raw, by=staff)

    assert message in " ".join(error.value.messages)
    assert Grid.objects.count() == count


def test_a_grid_of_the_wrong_shape_is_refused_and_creates_nothing(staff):
    data = services.grid_export_data(grid=services.default_grid_ensure())
    data["steps"][2]["criteria"][1]["weight"] = "lourd"
    count = (Grid.objects.count(), GridStep.objects.count())

    with pytest.raises(ValidationError) as error, services_french():
        services.grid_import(raw=json.dumps(data), by=staff)

    assert "nombre entier" in " ".join(error.value.messages)
    assert (Grid.objects.count(), GridStep.objects.count()) == count


def services_french():
    from django.utils import translation

    return translation.override("fr")


def test_the_import_page_shows_the_error_next_to_the_field(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)

    response = client.post(
        reverse("grids:grid_import"),
        {"file": SimpleUploadedFile("grille.json", b'{"steps": 3', content_type="application/json")},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 400
    assert "Le fichier n’est pas du JSON valide." in response.content.decode()


def test_the_editor_in_the_browser_adds_a_step_and_a_criterion(client, facilitator, world):
    client.force_login(facilitator)
    grid = grid_build((1,), organisation=facilitator.organisation)  # their organisation's grid

    client.post(reverse("grids:step_create", args=[grid.pk]), {"title": "Étape ajoutée", "purpose": "", "guidance": ""})
    step = grid.steps.get(title="Étape ajoutée")
    response = client.post(
        reverse("grids:criterion_create", args=[step.pk]), {"text": "Critère ajouté", "help": "", "weight": 2}
    )

    assert response.status_code == 302
    assert step.criteria.get().weight == 2
    page = client.get(reverse("grids:grid_detail", args=[grid.pk])).content.decode()
    assert "Étape ajoutée" in page and "Critère ajouté" in page


def test_editing_a_used_grid_in_the_browser_says_a_new_version_was_made(client, staff, world, owner):
    grid = grid_build((1,))
    AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner, kind=Assessment.Kind.SELF)
    client.force_login(staff)
    step = grid.steps.get()

    response = client.post(
        reverse("grids:step_update", args=[step.pk]),
        {"title": "Modifiée", "purpose": "", "guidance": ""},
        follow=True,
    )

    new = Grid.objects.get(lineage=grid.lineage, is_current=True)
    assert response.redirect_chain[-1][0] == reverse("grids:grid_detail", args=[new.pk])
    assert "version 2" in response.content.decode()


def test_the_grid_form_refuses_a_required_level_outside_the_scale_in_french(client, staff):
    grid = grid_build((1,))
    client.force_login(staff)

    response = client.post(
        reverse("grids:grid_update", args=[grid.pk]),
        {"title": "Grille", "description": "", "levels": "non\noui", "pass_level": 3, "step_threshold": 50},
    )

    assert response.status_code == 200
    assert "Le niveau exigé doit être un des niveaux de l’échelle." in response.content.decode()
    grid.refresh_from_db()
    assert len(grid.levels) == 4


def test_the_grid_form_changes_the_scale(client, staff):
    grid = grid_build((1,))
    client.force_login(staff)

    response = client.post(
        reverse("grids:grid_update", args=[grid.pk]),
        {
            "title": "Grille",
            "description": "",
            "levels": "non\nun peu\noui",
            "pass_level": 1,
            "step_threshold": 60,
        },
    )

    assert response.status_code == 302
    grid.refresh_from_db()
    assert grid.levels == [{"value": 0, "label": "non"}, {"value": 1, "label": "un peu"}, {"value": 2, "label": "oui"}]
    assert (grid.pass_level, grid.step_threshold) == (1, 60)


def test_the_export_is_a_json_download(client, staff):
    client.force_login(staff)
    grid = services.default_grid_ensure()

    response = client.get(reverse("grids:grid_export", args=[grid.pk]))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["steps"][0]["title"] == "Le problème et ses usagers"
