"""Who owns a grid, and so who may change it: the platform (staff), an organisation, a lab (issue 10).

Before, any site's facilitator could make a new current version of the default grid used everywhere.
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from grids.models import Criterion, Grid, GridStep
from grids.services import grids as services
from labs.models import NetworkMembership
from tests.challenges.factories import SiteFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.grids.assessment_factories import AssessmentFactory, grid_build, submitted
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all
from tests.labs.factories import LabFactory, NetworkMembershipFactory

STAFF_ONLY = {**same_for_all(403), "anonymous": LOGIN, "staff": 200}
STAFF_ONLY_POST = {**same_for_all(403), "anonymous": LOGIN, "staff": 302}
READERS = {**same_for_all(403), "anonymous": LOGIN, "facilitator": 200, "staff": 200}


def _default(w):
    return [w["default"].pk]


def _default_step(w):
    return [w["default"].steps.order_by("position").last().pk]


def _default_criterion(w):
    return [Criterion.objects.filter(step__grid=w["default"]).order_by("step__position", "position").last().pk]


def _other(w):
    return [w["other"].pk]


def _other_step(w):
    return [w["other"].steps.order_by("position").last().pk]


def _other_criterion(w):
    return [Criterion.objects.filter(step__grid=w["other"]).order_by("step__position", "position").last().pk]


def _lineage(key):
    """Every version of the grid's lineage, with its title, steps and criteria: what an edit changes."""

    def read(w):
        grids = Grid.objects.filter(lineage=w[key].lineage).order_by("version")
        return [
            (
                grid.version,
                grid.is_current,
                grid.title,
                list(GridStep.objects.filter(grid=grid).order_by("position").values_list("title", "position")),
                list(
                    Criterion.objects.filter(step__grid=grid)
                    .order_by("step__position", "position")
                    .values_list("text", "position")
                ),
            )
            for grid in grids
        ]

    return read


SETTINGS = {"title": "Grille modifiée", "description": "", "levels": "pas encore\namorcé\nacquis"}
SETTINGS.update(pass_level="1", step_threshold="50")
STEP = {"title": "Étape ajoutée", "purpose": "", "guidance": ""}
CRITERION = {"text": "Critère ajouté", "help": "", "weight": "1"}

CASES = [
    # The platform's default grid: read by facilitators, changed by staff only
    *cases_for("grids:grid_detail", READERS, args=_default),
    *cases_for("grids:grid_export", READERS, args=_default),
    *cases_for("grids:grid_update", STAFF_ONLY, args=_default),
    *cases_for(
        "grids:grid_update", STAFF_ONLY_POST, method="post", args=_default, data=SETTINGS, effect=_lineage("default")
    ),
    *cases_for(
        "grids:step_create", STAFF_ONLY_POST, method="post", args=_default, data=STEP, effect=_lineage("default")
    ),
    *cases_for(
        "grids:step_update", STAFF_ONLY_POST, method="post", args=_default_step, data=STEP, effect=_lineage("default")
    ),
    *cases_for(
        "grids:step_move",
        STAFF_ONLY_POST,
        method="post",
        args=_default_step,
        data={"direction": "up"},
        effect=_lineage("default"),
    ),
    *cases_for("grids:step_delete", STAFF_ONLY_POST, method="post", args=_default_step, effect=_lineage("default")),
    *cases_for(
        "grids:criterion_create",
        STAFF_ONLY_POST,
        method="post",
        args=_default_step,
        data=CRITERION,
        effect=_lineage("default"),
    ),
    *cases_for(
        "grids:criterion_update",
        STAFF_ONLY_POST,
        method="post",
        args=_default_criterion,
        data=CRITERION,
        effect=_lineage("default"),
    ),
    *cases_for(
        "grids:criterion_move",
        STAFF_ONLY_POST,
        method="post",
        args=_default_criterion,
        data={"direction": "up"},
        effect=_lineage("default"),
    ),
    *cases_for(
        "grids:criterion_delete", STAFF_ONLY_POST, method="post", args=_default_criterion, effect=_lineage("default")
    ),
    # Another organisation's grid: the facilitator reads it and changes nothing
    *cases_for(
        "grids:grid_update", STAFF_ONLY_POST, method="post", args=_other, data=SETTINGS, effect=_lineage("other")
    ),
    *cases_for(
        "grids:step_update", STAFF_ONLY_POST, method="post", args=_other_step, data=STEP, effect=_lineage("other")
    ),
    *cases_for(
        "grids:criterion_delete", STAFF_ONLY_POST, method="post", args=_other_criterion, effect=_lineage("other")
    ),
]


@pytest.fixture
def world(db, facilitator):
    """The default grid, used by a submitted assessment (so an edit would make a new version), and
    a grid of another organisation than the facilitator's."""
    SiteFactory(facilitators=[facilitator])
    facilitator.organisation = OrganisationFactory(name="Ville de Rennes")
    facilitator.save(update_fields=["organisation"])
    default = services.default_grid_ensure()
    submitted(AssessmentFactory(grid=default))
    other = grid_build((2, 2), organisation=OrganisationFactory(name="Dinan Agglomération"))
    return {"default": default, "other": other}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)


def test_a_facilitator_duplicates_the_default_grid_into_their_organisation_and_edits_the_copy(
    world, facilitator, client
):
    client.force_login(facilitator)

    response = client.post(reverse("grids:grid_duplicate", args=[world["default"].pk]), {"title": "Notre grille"})

    copy = Grid.objects.get(title="Notre grille")
    assert response.status_code == 302 and response["Location"] == reverse("grids:grid_detail", args=[copy.pk])
    assert copy.organisation == facilitator.organisation and copy.lab is None and not copy.is_default
    response = client.post(reverse("grids:grid_update", args=[copy.pk]), {**SETTINGS, "title": "Notre grille v2"})
    assert response.status_code == 302
    assert Grid.objects.get(pk=copy.pk).title == "Notre grille v2"
    # The default grid did not move
    assert Grid.objects.filter(lineage=world["default"].lineage).count() == 1
    assert Grid.objects.get(pk=world["default"].pk).title == services.DEFAULT_GRID["title"]


def test_the_detail_page_says_who_owns_the_grid_and_hides_what_one_may_not_do(world, facilitator, client):
    client.force_login(facilitator)

    page = client.get(reverse("grids:grid_detail", args=[world["default"].pk])).content.decode()

    assert 'data-testid="grid-read-only"' in page
    assert reverse("grids:grid_update", args=[world["default"].pk]) not in page
    assert reverse("grids:step_create", args=[world["default"].pk]) not in page
    assert reverse("grids:grid_duplicate", args=[world["default"].pk]) in page


def test_a_facilitator_of_no_organisation_can_neither_duplicate_nor_import(world, client):
    lone = UserFactory(email="seul@example.org", organisation=None)
    SiteFactory(facilitators=[lone])
    client.force_login(lone)
    before = Grid.objects.count()

    duplicate = client.post(reverse("grids:grid_duplicate", args=[world["default"].pk]))
    data = services.grid_export_data(grid=world["default"])
    raw = json.dumps(data).encode()
    with pytest.raises(ValidationError):
        services.grid_import(raw=raw, by=lone)
    listing = client.get(reverse("grids:grid_list")).content.decode()

    assert duplicate.status_code == 403
    assert client.get(reverse("grids:grid_import")).status_code == 403
    assert Grid.objects.count() == before
    assert reverse("grids:grid_import") not in listing


def test_an_import_by_a_facilitator_belongs_to_their_organisation(world, facilitator):
    data = services.grid_export_data(grid=world["default"])

    imported = services.grid_import(raw=json.dumps(data).encode(), by=facilitator)

    assert imported.organisation == facilitator.organisation and not imported.is_default


def test_a_new_version_keeps_its_owner(world, staff):
    other = world["other"]
    submitted(AssessmentFactory(grid=other))

    newer = services.grid_update(grid=other, by=staff, title="Nouvelle version")

    assert newer.pk != other.pk and newer.version == 2
    assert newer.organisation_id == other.organisation_id


def test_the_coordinators_of_a_lab_change_the_lab_grid_and_nobody_else_of_the_lab(db):
    lab = LabFactory(phases=[])
    grid = grid_build((1,), lab=lab)
    coordinator = NetworkMembershipFactory(network__lab=lab, role=NetworkMembership.Role.COORDINATOR).person
    ambassador = NetworkMembershipFactory(network__lab=lab).person
    former = NetworkMembershipFactory(
        network__lab=lab, role=NetworkMembership.Role.COORDINATOR, status=NetworkMembership.Status.LEFT
    ).person
    elsewhere = NetworkMembershipFactory(role=NetworkMembership.Role.COORDINATOR).person

    assert coordinator.has_perm("grids.change_grid", grid)
    assert coordinator.has_perm("grids.change_grid", grid.steps.get())
    assert not ambassador.has_perm("grids.change_grid", grid)
    assert not former.has_perm("grids.change_grid", grid)
    assert not elsewhere.has_perm("grids.change_grid", grid)


def test_existing_grids_and_the_default_grid_belong_to_the_platform(db):
    default = services.default_grid_ensure()

    assert default.organisation_id is None and default.lab_id is None and default.is_platform


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"is_default": True, "organisation": True}, id="default grid of an organisation"),
        pytest.param({"organisation": True, "lab": True}, id="two owners"),
    ],
)
def test_the_database_refuses_an_impossible_owner(db, fields):
    values = {"title": "Grille", "is_default": fields.get("is_default", False)}
    if fields.get("organisation"):
        values["organisation"] = OrganisationFactory()
    if fields.get("lab"):
        values["lab"] = LabFactory(phases=[])

    with pytest.raises(IntegrityError), transaction.atomic():
        Grid.objects.create(**values)


def test_a_client_without_rights_cannot_reach_the_editor_of_the_default_grid(world, personas):
    """The exact attack of the issue: a facilitator posting a new title to the default grid."""
    client = Client()
    client.force_login(personas["facilitator"])

    response = client.post(reverse("grids:grid_update", args=[world["default"].pk]), SETTINGS)

    assert response.status_code == 403
    assert Grid.objects.filter(lineage=world["default"].lineage, is_current=True).get().version == 1
