"""Persona × URL for grids and assessments (issue 4).

The world: the owner has a draft self-assessment and a submitted one on the published
challenge; the outsider is the peer reviewer assigned to that challenge (a draft review);
the facilitator runs the site. Drafts are seen by their assessor only; a reviewer sees only
what they were assigned; anything outside one's scope answers 404.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grids.models import Answer, Assessment, Criterion, Grid, GridStep
from grids.services import assessments as services
from grids.services.grids import default_grid_ensure
from tests.factories import OrganisationFactory, UserFactory
from tests.grids.assessment_factories import AssessmentFactory, answer_all, criteria_of, grid_build, submitted
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all

MANAGERS = {**same_for_all(403), "anonymous": LOGIN, "facilitator": 200, "staff": 200}
MANAGERS_POST = {**same_for_all(403), "anonymous": LOGIN, "facilitator": 302, "staff": 302}
FOLLOWERS = {**same_for_all(200), "anonymous": LOGIN, "outsider": 403}
OWNER_ONLY_DRAFT = {**same_for_all(404), "anonymous": LOGIN, "owner": 200}
SUBMITTED = {**same_for_all(200), "anonymous": LOGIN, "outsider": 404}
FOLLOWING = ("contributor", "owner", "facilitator", "staff")
RUNS = {**same_for_all(403), "anonymous": LOGIN, "facilitator": 302, "staff": 302}


def _grid(world):
    return [world["grid"].pk]


def _step(world):
    return [world["step"].pk]


def _criterion(world):
    return [world["criterion"].pk]


def _challenge(world):
    return [world["challenge"].pk]


def _draft_challenge(world):
    return [world["draft"].pk]


def _site(world):
    return [world["site"].pk]


def _owner_draft(world):
    return [world["owner_draft"].pk]


def _owner_draft_answer(world):
    return [world["owner_draft"].pk, world["owner_draft_criterion"].pk]


def _owner_submitted(world):
    return [world["owner_submitted"].pk]


def _peer_draft(world):
    return [world["peer_draft"].pk]


# What each write changes, read from the database (see tests/helpers/matrix.py).
def _grid_count(w):
    return Grid.objects.count()


def _step_order(w):
    return list(GridStep.objects.filter(grid=w["grid"]).order_by("position").values_list("pk", flat=True))


def _criteria(w):
    return list(
        Criterion.objects.filter(step__grid=w["grid"])
        .order_by("step__position", "position")
        .values_list("pk", flat=True)
    )


def _assessments_of(key, **filters):
    return lambda w: Assessment.objects.filter(challenge=w[key], **filters).count()


def _owner_draft_answers(w):
    return sorted(Answer.objects.filter(assessment=w["owner_draft"]).values_list("criterion_id", "level"))


def _owner_draft_status(w):
    return Assessment.objects.get(pk=w["owner_draft"].pk).status


def _answer_every_criterion(client, w):
    answer_all(w["owner_draft"], level=1)


def _level(value):
    return lambda w: {f"level-{w['owner_draft_criterion'].pk}": value, "action": "save"}


CASES = [
    # Grids: staff and facilitators
    *cases_for("grids:grid_list", MANAGERS),
    *cases_for("grids:grid_import", MANAGERS),
    *cases_for("grids:grid_detail", MANAGERS, args=_grid),
    *cases_for("grids:grid_update", MANAGERS, args=_grid),
    *cases_for("grids:grid_export", MANAGERS, args=_grid),
    *cases_for("grids:grid_duplicate", MANAGERS_POST, method="post", args=_grid, effect=_grid_count),
    *cases_for("grids:step_create", MANAGERS, args=_grid),
    *cases_for("grids:step_update", MANAGERS, args=_step),
    *cases_for(
        "grids:step_move", MANAGERS_POST, method="post", args=_step, data={"direction": "up"}, effect=_step_order
    ),
    *cases_for("grids:step_delete", MANAGERS_POST, method="post", args=_step, effect=_step_order),
    *cases_for("grids:criterion_create", MANAGERS, args=_step),
    *cases_for("grids:criterion_update", MANAGERS, args=_criterion),
    *cases_for(
        "grids:criterion_move",
        MANAGERS_POST,
        method="post",
        args=_criterion,
        data={"direction": "up"},
        effect=_criteria,
    ),
    *cases_for("grids:criterion_delete", MANAGERS_POST, method="post", args=_criterion, effect=_criteria),
    # A challenge's assessments: its team, its site's facilitators, staff
    *cases_for("grids:challenge_assessments", FOLLOWERS, args=_challenge),
    *cases_for("grids:challenge_assessments", {**FOLLOWERS, "outsider": 404}, args=_draft_challenge),
    *cases_for(
        "grids:assessment_start",
        {**same_for_all(403), "anonymous": LOGIN, "owner": 302},
        method="post",
        args=_challenge,
    ),
    # On the draft challenge the owner has no assessment yet: starting one writes it.
    *cases_for(
        "grids:assessment_start",
        {**same_for_all(403), "anonymous": LOGIN, "outsider": 404, "owner": 302},
        method="post",
        args=_draft_challenge,
        effect=_assessments_of("draft"),
    ),
    *cases_for("grids:review_start", RUNS, method="post", args=_challenge, effect=_assessments_of("challenge")),
    *cases_for(
        "grids:peer_review_assign",
        {**same_for_all(403), "anonymous": LOGIN, "facilitator": 200, "staff": 200},
        args=_challenge,
    ),
    *cases_for(
        "grids:peer_review_assign",
        RUNS,
        method="post",
        args=_challenge,
        data={"email": "pair@example.org"},
        effect=_assessments_of("challenge", kind=Assessment.Kind.PEER),
    ),
    *cases_for("grids:my_assessments", {**same_for_all(200), "anonymous": LOGIN}),
    # The owner's draft: the owner only
    *cases_for("grids:assessment_form", OWNER_ONLY_DRAFT, args=_owner_draft),
    *cases_for(
        "grids:assessment_form",
        {**OWNER_ONLY_DRAFT, "owner": 302},
        method="post",
        args=_owner_draft,
        data=_level("2"),
        effect=_owner_draft_answers,
    ),
    *cases_for(
        "grids:answer_save",
        {**OWNER_ONLY_DRAFT, "owner": 302},  # without htmx, back to the form
        method="post",
        args=_owner_draft_answer,
        data=_level("3"),
        effect=_owner_draft_answers,
    ),
    *cases_for(
        "grids:assessment_submit",
        {**OWNER_ONLY_DRAFT, "owner": 302},
        method="post",
        args=_owner_draft,
        prepare=_answer_every_criterion,
        effect=_owner_draft_status,
    ),
    *cases_for("grids:assessment_results", OWNER_ONLY_DRAFT, args=_owner_draft),
    # A submitted self-assessment: those who follow the challenge; not a peer reviewer outside the team
    *cases_for("grids:assessment_results", SUBMITTED, args=_owner_submitted),
    # Its form shows its result instead, to whoever may see it.
    *cases_for("grids:assessment_form", {**SUBMITTED, **dict.fromkeys(FOLLOWING, 302)}, args=_owner_submitted),
    # The peer review assigned to the outsider: the outsider only
    *cases_for("grids:assessment_form", {**same_for_all(404), "anonymous": LOGIN, "outsider": 200}, args=_peer_draft),
    # The site overview: its facilitators and staff
    *cases_for(
        "grids:site_assessments",
        {**same_for_all(403), "anonymous": LOGIN, "facilitator": 200, "staff": 200},
        args=_site,
    ),
]


@pytest.fixture
def world(world, owner, outsider, facilitator):
    # The edited grid is the facilitator's organisation's (tests/grids/test_grid_owners.py: the others)
    facilitator.organisation = OrganisationFactory(name="Ville de Rennes")
    facilitator.save(update_fields=["organisation"])
    grid = grid_build((2, 2), organisation=facilitator.organisation)
    default = default_grid_ensure()
    owner_draft = AssessmentFactory(challenge=world["challenge"], grid=default, assessor=owner)
    owner_submitted = submitted(AssessmentFactory(challenge=world["challenge"], grid=default, assessor=owner))
    peer_draft = services.peer_review_assign(challenge=world["challenge"], reviewer=outsider, by=facilitator)
    UserFactory(email="pair@example.org")  # a person with an account, to whom a review can be assigned
    return {
        **world,
        "grid": grid,
        "step": grid.steps.order_by("position").last(),
        "criterion": Criterion.objects.filter(step__grid=grid).order_by("step__position", "position").last(),
        "owner_draft": owner_draft,
        "owner_draft_criterion": criteria_of(default)[1],
        "owner_submitted": owner_submitted,
        "peer_draft": peer_draft,
    }


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)


@pytest.mark.parametrize("persona", ["contributor", "facilitator", "staff", "outsider"])
def test_a_tampered_post_at_someone_elses_draft_answers_404_and_changes_nothing(persona, world, personas):
    # Given the owner's draft with one answer
    draft = world["owner_draft"]
    criterion = world["owner_draft_criterion"]
    Answer.objects.create(assessment=draft, criterion=criterion, level=1, justification="de la porteuse")
    client = Client()
    client.force_login(personas[persona])

    # When another person posts answers, a full form and a submit at it
    responses = [
        client.post(reverse("grids:answer_save", args=[draft.pk, criterion.pk]), {f"level-{criterion.pk}": "3"}),
        client.post(
            reverse("grids:assessment_form", args=[draft.pk]),
            {f"level-{criterion.pk}": "0", f"justification-{criterion.pk}": "piraté", "action": "submit"},
        ),
        client.post(reverse("grids:assessment_submit", args=[draft.pk])),
    ]

    # Then every answer is 404 and nothing changed
    assert [r.status_code for r in responses] == [404, 404, 404]
    answer = Answer.objects.get(assessment=draft)
    assert (answer.level, answer.justification) == (1, "de la porteuse")
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_the_owner_cannot_change_a_submitted_assessment(world, owner):
    client = Client()
    client.force_login(owner)
    done = world["owner_submitted"]
    criterion = criteria_of(done.grid)[0]
    before = list(Answer.objects.filter(assessment=done).values_list("criterion_id", "level"))

    response = client.post(reverse("grids:answer_save", args=[done.pk, criterion.pk]), {f"level-{criterion.pk}": "0"})

    assert response.status_code == 403
    assert list(Answer.objects.filter(assessment=done).values_list("criterion_id", "level")) == before
