"""Commissions through their services: the state machine, the grid, the interview, the reformulation,
staffing and the audit trail."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from innovation.models import Invitation, Notification
from labs.models import AuditEntry, Commission, GridQuestion, Reformulation, StaffingProposal
from labs.selectors import commissions as selectors
from labs.services import commissions as services
from labs.services import kinds
from tests.factories import UserFactory
from tests.labs.commission_world import commission_at, commission_lab

pytestmark = pytest.mark.django_db
State = Commission.State


@pytest.fixture
def world():
    return commission_lab()


def test_a_new_commission_is_proposed_with_an_empty_grid_and_audited(world):
    commission = commission_at(world, State.PROPOSED)
    assert commission.state == State.PROPOSED
    assert commission.question == commission.initial_request
    assert services.grid_current(commission=commission).version == 1
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMISSION_STATE)
    assert entry.changes["state"] == [None, "proposed"]


def test_the_operator_mode_needs_its_operator(world):
    with pytest.raises(ValidationError) as error:
        services.commission_create(
            lab=world["lab"], actor=world["coordinator"], title="CRJ", initial_request="Organiser", mode="operator"
        )
    assert "operator" in error.value.message_dict


def test_an_ambassador_proposes_one_for_their_own_department(world):
    membership = world["members"][1]
    commission = services.commission_propose_own(
        membership=membership, actor=membership.person, title="Réseau des assistantes", initial_request="Outiller"
    )
    assert commission.commissioner == membership.person
    assert commission.commissioner_department == membership.department


def test_the_grid_needs_an_uncomfortable_question_on_usefulness_before_it_is_checked(world):
    commission = commission_at(world, State.PROPOSED)
    grid = services.grid_current(commission=commission)
    coordinator, checker = world["coordinator"], world["members"][0].person
    services.grid_question_add(grid=grid, actor=coordinator, section="stakes", text="Quels enjeux ?")
    with pytest.raises(ValidationError, match="utilité"):
        services.grid_submit(grid=grid, actor=coordinator, checker=checker)
    with pytest.raises(ValidationError):  # a usefulness question outside the uncomfortable section
        services.grid_question_add(
            grid=grid, actor=coordinator, section="stakes", text="Est-ce utile ?", about_usefulness=True
        )
    services.grid_question_add(
        grid=grid, actor=coordinator, section="uncomfortable", text="Est-ce utile ?", about_usefulness=True
    )
    with pytest.raises(ValidationError):  # not by oneself
        services.grid_submit(grid=grid, actor=coordinator, checker=coordinator)
    services.grid_submit(grid=grid, actor=coordinator, checker=checker)
    assert Notification.objects.filter(recipient=checker, kind=kinds.COMMISSION_GRID_TO_CHECK.key).exists()
    with pytest.raises(ValidationError):  # only the one asked checks it
        services.grid_check(grid=grid, actor=coordinator)
    services.grid_check(grid=grid, actor=checker, notes="D'accord")
    grid.refresh_from_db()
    assert (grid.checked_by, grid.check_notes) == (checker, "D'accord")
    with pytest.raises(ValidationError):  # a checked version is frozen
        services.grid_question_add(grid=grid, actor=coordinator, section="outline", text="Encore ?")


def test_a_grid_starts_as_a_copy_of_another(world):
    first = commission_at(world, State.INTAKE_PLANNED)
    second = commission_at(world, State.PROPOSED, title="Conseil régional des jeunes")
    grid = services.grid_new_version(commission=second, actor=world["coordinator"], source=first.grids.first())
    assert grid.version == 2
    assert grid.copied_from == first.grids.first()
    assert list(grid.questions.values_list("section", "text")) == list(
        first.grids.first().questions.values_list("section", "text")
    )


def test_the_interview_is_recorded_only_with_a_checked_grid(world):
    commission = commission_at(world, State.INTAKE_PLANNED)
    assert Notification.objects.filter(
        recipient=world["commissioner"], kind=kinds.COMMISSION_INTAKE_PLANNED.key
    ).exists()
    with pytest.raises(ValidationError, match="vérifie la grille"):
        services.interview_record(commission=commission, actor=world["coordinator"])
    commission.refresh_from_db()
    assert commission.state == State.INTAKE_PLANNED


def test_the_interview_autosaves_and_refuses_a_stale_revision(world):
    commission = commission_at(world, State.INTAKE_PLANNED)
    interview = commission.interview
    question = services.grid_current(commission=commission).questions.first()
    saved = services.interview_save(
        interview=interview,
        actor=world["coordinator"],
        answers={str(question.pk): "Un accueil à distance", "999999": "ignoré"},
        notes="Très ouverte.",
        base_revision=0,
    )
    assert (saved.revision, saved.answers) == (1, {str(question.pk): "Un accueil à distance"})
    with pytest.raises(services.InterviewConflict):
        services.interview_save(interview=interview, actor=world["coordinator"], answers={}, notes="", base_revision=0)


def test_reformulation_is_kept_as_history_and_waits_for_the_commissioner(world):
    commission = commission_at(world, State.INTERVIEWED)
    coordinator = world["coordinator"]
    with pytest.raises(ValidationError) as error:
        services.reformulation_record(commission=commission, actor=coordinator, changes={"title": ("Occiline", "")})
    assert "title_reason" in error.value.message_dict
    services.reformulation_record(
        commission=commission,
        actor=coordinator,
        changes={
            "title": ("Occiline", "Plus qu'une borne."),
            "expected_output": ("Un guichet numérique", "Le besoin est un accueil, pas un objet."),
        },
    )
    commission.refresh_from_db()
    assert (commission.state, commission.title, commission.reformulation_round) == (State.REFORMULATED, "Occiline", 1)
    assert list(commission.reformulations.values_list("field", "before", "after")) == [
        ("title", "Occiborne", "Occiline"),
        ("expected_output", "Une borne", "Un guichet numérique"),
    ]
    assert Notification.objects.filter(recipient=world["commissioner"], kind=kinds.COMMISSION_TO_VALIDATE.key).exists()
    # Nobody but the commissioner validates; a comment sends it back to the team, a new round then validation.
    with pytest.raises(ValidationError):
        services.reformulation_review(commission=commission, actor=coordinator, validated=True)
    services.reformulation_review(
        commission=commission, actor=world["commissioner"], validated=False, comment="Pensez aux agents d'accueil."
    )
    commission.refresh_from_db()
    assert commission.state == State.REFORMULATED
    with pytest.raises(ValidationError):  # staffing waits for the validation
        services.staffing_propose(commission=commission, actor=coordinator, memberships=world["members"][:1], why={})
    services.reformulation_record(
        commission=commission,
        actor=coordinator,
        changes={"question": ("Comment accueillir à distance ?", "Suite au commentaire.")},
    )
    services.reformulation_review(commission=commission, actor=world["commissioner"], validated=True)
    commission.refresh_from_db()
    assert commission.state == State.VALIDATED
    assert Reformulation.objects.filter(commission=commission).count() == 3
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMISSION_REFORMULATED).count() == 2


def test_staffing_from_proposal_to_a_confirmed_team_with_the_size_warning(world):
    commission = commission_at(world, State.VALIDATED)
    coordinator, members = world["coordinator"], world["members"]
    services.staffing_propose(commission=commission, actor=coordinator, memberships=members[:3], why={})
    proposals = list(commission.proposals.all())
    assert Notification.objects.filter(kind=kinds.COMMISSION_STAFFING_PROPOSED.key).count() == 3
    with pytest.raises(ValidationError):  # only the member answers
        services.proposal_answer(proposal=proposals[0], actor=coordinator, accept=True)
    services.proposal_answer(proposal=proposals[0], actor=members[0].person, accept=True)
    services.proposal_answer(proposal=proposals[1], actor=members[1].person, accept=True)
    services.proposal_answer(proposal=proposals[2], actor=members[2].person, accept=False)
    warning = services.team_confirm(commission=commission, actor=coordinator)
    assert warning == "L’équipe compte 2 membres\u00a0: le labo travaille en équipes de 4 à 5."
    commission.refresh_from_db()
    assert commission.state == State.TEAM_FORMED
    assert Notification.objects.filter(kind=kinds.COMMISSION_TEAM_CONFIRMED.key).count() == 2
    assert services.team_size_warning(size=4) == services.team_size_warning(size=5) == ""


def test_a_confirmed_commission_weighs_on_the_next_suggestion(world):
    commission = commission_at(world, State.IN_PROGRESS)
    other = commission_at(world, State.VALIDATED, title="CRJ")
    candidates = selectors.staffing_candidates(commission=other)
    loads = {c.key: c.load for c in candidates}
    busy = [p.membership_id for p in commission.proposals.filter(status=StaffingProposal.Status.ACCEPTED)]
    assert all(loads[pk] == commission.days_per_month for pk in busy)
    authorised = {c.key for c in candidates if c.authorised}
    assert authorised == {m.pk for m in world["members"][:4]}


def test_abandoned_with_a_reason_from_any_open_state_and_never_after_closing(world):
    commission = commission_at(world, State.TEAM_FORMED)
    with pytest.raises(ValidationError):
        services.commission_abandon(commission=commission, actor=world["coordinator"], reason=" ")
    services.commission_abandon(commission=commission, actor=world["coordinator"], reason="Budget retiré.")
    commission.refresh_from_db()
    assert (commission.state, commission.abandon_reason) == (State.ABANDONED, "Budget retiré.")
    assert Notification.objects.filter(kind=kinds.COMMISSION_ABANDONED.key).count() == 4
    with pytest.raises(ValidationError):
        services.commission_start(commission=commission, actor=world["coordinator"])
    closed = commission_at(world, State.IN_PROGRESS, title="CRJ")
    services.commission_close(commission=closed, actor=world["coordinator"])
    with pytest.raises(ValidationError):
        services.commission_abandon(commission=closed, actor=world["coordinator"], reason="Trop tard")


def test_every_state_change_is_audited_in_order(world):
    commission = commission_at(world, State.IN_PROGRESS)
    timeline = selectors.commission_timeline(commission=commission)
    states = [e.changes["state"][1] for e in timeline if e.action == AuditEntry.Action.COMMISSION_STATE]
    assert states == [
        "proposed", "intake_planned", "interviewed", "reformulated", "validated", "team_formed", "in_progress"
    ]  # fmt: skip


def test_skipping_a_state_is_refused(world):
    commission = commission_at(world, State.PROPOSED)
    with pytest.raises(ValidationError):
        services.team_confirm(commission=commission, actor=world["coordinator"])
    with pytest.raises(ValidationError):
        services.reformulation_record(commission=commission, actor=world["coordinator"], changes={})


def test_the_commissioner_is_invited_by_e_mail_when_they_have_no_account(world):
    commission = commission_at(world, State.PROPOSED)
    person = services.commissioner_invite(
        commission=commission, actor=world["coordinator"], email="Nouvelle@Region.fr", display_name="Nouvelle"
    )
    commission.refresh_from_db()
    assert commission.commissioner == person
    assert Invitation.objects.filter(person=person).exists()
    known = UserFactory()
    services.commissioner_invite(commission=commission, actor=world["coordinator"], email=known.email)
    assert Notification.objects.filter(recipient=known, kind=kinds.COMMISSION_INVITED.key).exists()


def test_interview_planning_refuses_missing_fields(world):
    commission = commission_at(world, State.PROPOSED)
    with pytest.raises(ValidationError) as error:
        services.interview_plan(
            commission=commission, actor=world["coordinator"], held_at=None, place="", interviewers=[]
        )
    assert set(error.value.message_dict) == {"held_at", "place", "interviewers"}
    outsider = UserFactory()
    with pytest.raises(ValidationError):
        services.interview_plan(
            commission=commission,
            actor=world["coordinator"],
            held_at=timezone.now() + datetime.timedelta(days=1),
            place="Toulouse",
            interviewers=[(outsider, "")],
        )
    assert GridQuestion.objects.count() == 0


def test_the_network_history_names_a_commission_s_states_in_words(client):
    world = commission_lab()
    commission = commission_at(world, State.INTAKE_PLANNED)
    client.force_login(world["coordinator"])

    page = client.get(reverse("labs:network_audit", args=[world["network"].pk])).content.decode()
    history = page.split("<tbody>")[1].split("</tbody>")[0]

    assert "<del>Proposée</del> → <ins>Démarreur planifié</ins>" in history
    assert "intake_planned" not in history and "proposed" not in history
    assert "commission\u00a0:" not in history and f"<ins>{commission.pk}</ins>" not in history
