"""A commission's life, through these functions only: proposed → intake planned → interviewed →
reformulated → validated by the commissioner → team formed → in progress → closed, or abandoned with a
reason from any state before it is closed.

Every change of state and every reformulation is written to the lab's audit trail in the same
transaction. The audit holds no interview answer or note: the interview is confidential.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from innovation.models import User
from innovation.services import invitations
from innovation.services.notifications import notification_create
from labs.models import (
    AuditEntry,
    Commission,
    CommissionSession,
    GridQuestion,
    IntakeGrid,
    Interview,
    InterviewPerson,
    InterviewSketch,
    Lab,
    LabSession,
    MethodPhase,
    NetworkMembership,
    Reformulation,
    ReformulationReview,
    StaffingProposal,
)
from labs.models.commissions import TEAM_MAX, TEAM_MIN
from labs.services import kinds
from labs.services.audit import audit_record

State = Commission.State
OPEN_STATES = [s for s in State.values if s not in (State.CLOSED, State.ABANDONED)]
# The states from which each state is reached.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.INTAKE_PLANNED: (State.PROPOSED,),
    State.INTERVIEWED: (State.INTAKE_PLANNED,),
    State.REFORMULATED: (State.INTERVIEWED, State.REFORMULATED),
    State.VALIDATED: (State.REFORMULATED,),
    State.TEAM_FORMED: (State.VALIDATED,),
    State.IN_PROGRESS: (State.TEAM_FORMED,),
    State.CLOSED: (State.IN_PROGRESS,),
    State.ABANDONED: tuple(s for s in OPEN_STATES),
}
BUSY_STATES = (State.TEAM_FORMED, State.IN_PROGRESS)


def commission_url(*, commission: Commission) -> str:
    return settings.SITE_URL + reverse("labs:commission_detail", args=[commission.pk])


def _locked(commission: Commission) -> Commission:
    return Commission.objects.select_for_update(of=("self",)).select_related("lab").get(pk=commission.pk)


def _move(*, commission: Commission, actor: User | None, to: str, extra: Mapping | None = None) -> None:
    """Change the state if the machine allows it, and audit it. ``commission`` must be locked."""
    if commission.state not in TRANSITIONS[to]:
        raise ValidationError(
            _("A commission that is “%(state)s” cannot become “%(to)s”."),
            code="state",
            params={"state": commission.get_state_display(), "to": State(to).label},
        )
    before = commission.state
    commission.state = to
    commission.save(update_fields=["state", "updated_at"])
    audit_record(
        lab=commission.lab,
        actor=actor,
        action=AuditEntry.Action.COMMISSION_STATE,
        subject=commission.title,
        changes={"state": [before, to], "commission": commission.pk, **(extra or {})},
    )


def _notify(*, commission: Commission, people: Iterable[User | None], kind, event: str, **context) -> None:
    seen: set[int] = set()
    for person in people:
        if person is None or person.pk in seen:
            continue
        seen.add(person.pk)
        notification_create(
            recipient=person,
            kind=kind,
            event_key=f"labs-commission-{event}:{commission.pk}",
            context={
                "commission": commission.title,
                "lab": commission.lab.name,
                "url": commission_url(commission=commission),
                **context,
            },
        )


# --- Creation ---------------------------------------------------------------------------------------

COMMISSION_FIELDS = (
    "case",
    "title",
    "commissioner_name",
    "commissioner_department",
    "initial_request",
    "initial_output",
    "mode",
    "operator",
    "budget_source",
    "days_per_month",
)


def _commission_validate(fields: dict, *, lab: Lab, phases: Sequence[MethodPhase]) -> None:
    errors: dict[str, ValidationError] = {}
    if not fields.get("title"):
        errors["title"] = ValidationError(_("Give the commission a title."), code="required")
    if not fields.get("initial_request"):
        errors["initial_request"] = ValidationError(_("Write down the request as it was made."), code="required")
    if fields.get("mode") not in Commission.Mode.values:
        errors["mode"] = ValidationError(_("Choose the mode of intervention."), code="invalid")
    elif fields["mode"] == Commission.Mode.OPERATOR and not fields.get("operator"):
        errors["operator"] = ValidationError(_("Name the operator (a design school, for example)."), code="required")
    days = fields.get("days_per_month")
    if days is None or Decimal(days) <= 0 or Decimal(days) > 20:
        errors["days_per_month"] = ValidationError(_("Give between 0.5 and 20 days per month."), code="invalid")
    if any(phase.lab_id != lab.pk for phase in phases):
        errors["phases"] = ValidationError(_("Choose phases of this lab."), code="invalid")
    if errors:
        raise ValidationError(errors)


def _clean(fields: Mapping) -> dict:
    cleaned = {name: fields[name] for name in COMMISSION_FIELDS if name in fields}
    for name, value in cleaned.items():
        if isinstance(value, str):
            cleaned[name] = value.strip()
    return cleaned


@transaction.atomic
def commission_create(
    *,
    lab: Lab,
    actor: User,
    phases: Sequence[MethodPhase] = (),
    commissioner: User | None = None,
    **fields,
) -> Commission:
    """A new commission, in the state « proposed », with an empty first version of its grid."""
    cleaned = {"mode": Commission.Mode.AMBASSADORS, "days_per_month": Decimal(1), **_clean(fields)}
    _commission_validate(cleaned, lab=lab, phases=phases)
    commission = Commission.objects.create(
        lab=lab,
        proposed_by=actor,
        commissioner=commissioner,
        question=cleaned["initial_request"],
        expected_output=cleaned.get("initial_output", ""),
        **cleaned,
    )
    commission.phases.set(phases)
    IntakeGrid.objects.create(commission=commission, version=1)
    audit_record(
        lab=lab,
        actor=actor,
        action=AuditEntry.Action.COMMISSION_STATE,
        subject=commission.title,
        changes={"state": [None, State.PROPOSED], "commission": commission.pk},
    )
    return commission


@transaction.atomic
def commission_propose_own(*, membership: NetworkMembership, actor: User, **fields) -> Commission:
    """An ambassador proposes a commission for their own department: they are its commissioner."""
    if membership.person_id != actor.pk or not membership.is_active:
        raise ValidationError(_("Only an active member proposes a commission for their own department."))
    fields.setdefault("commissioner_department", membership.department)
    return commission_create(lab=membership.network.lab, actor=actor, commissioner=actor, **fields)


@transaction.atomic
def commission_update(
    *, commission: Commission, actor: User, phases: Sequence[MethodPhase] | None = None, **fields
) -> Commission:
    """Change what is not reformulated (the title, question and output change through a reformulation)."""
    commission = _locked(commission)
    fields.pop("title", None)
    fields.pop("initial_request", None)
    cleaned = _clean(fields)
    merged = {
        **{name: getattr(commission, name) for name in COMMISSION_FIELDS},
        **cleaned,
    }
    _commission_validate(merged, lab=commission.lab, phases=phases or [])
    for name, value in cleaned.items():
        setattr(commission, name, value)
    commission.save()
    if phases is not None:
        commission.phases.set(phases)
    return commission


@transaction.atomic
def commission_sessions_set(
    *, commission: Commission, actor: User, sessions: Mapping[LabSession, str]
) -> list[CommissionSession]:
    """The lab sessions that accompany the commission, each with its purpose (replaces the former list)."""
    if any(session.lab_id != commission.lab_id for session in sessions):
        raise ValidationError({"sessions": ValidationError(_("Choose sessions of this lab."), code="invalid")})
    commission.accompaniments.exclude(session__in=list(sessions)).delete()
    rows = []
    for session, purpose in sessions.items():
        row, _created = CommissionSession.objects.update_or_create(
            commission=commission, session=session, defaults={"purpose": (purpose or "").strip()[:300]}
        )
        rows.append(row)
    return rows


@transaction.atomic
def commissioner_invite(*, commission: Commission, actor: User, email: str, display_name: str = "") -> User:
    """Make the person with this e-mail the commissioner, inviting them through the invitation e-mail
    when they have no account yet."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": ValidationError(_("Enter a valid e-mail address."), code="invalid")}) from None
    commission = _locked(commission)
    person, _created = invitations.person_get_or_create(email=email, display_name=display_name.strip())
    commission.commissioner = person
    if not commission.commissioner_name:
        commission.commissioner_name = display_name.strip() or str(person)
    commission.save(update_fields=["commissioner", "commissioner_name", "updated_at"])
    if person.has_usable_password():
        _notify(commission=commission, people=[person], kind=kinds.COMMISSION_INVITED, event=f"invited-{person.pk}")
    else:
        invitations.invitation_create(
            person=person,
            invited_by=actor,
            next_url=reverse("labs:commission_detail", args=[commission.pk]),
            purpose=gettext_noop("Follow your commission “%(commission)s” with %(lab)s."),
            purpose_params={"commission": commission.title, "lab": commission.lab.name},
        )
    return person


# --- The intake grid --------------------------------------------------------------------------------


def grid_current(*, commission: Commission) -> IntakeGrid:
    return commission.grids.order_by("-version").first()


def _grid_editable(grid: IntakeGrid) -> None:
    if grid.checked_at is not None:
        raise ValidationError(_("This version is checked: start a new version to change it."), code="checked")


def grid_has_usefulness_question(*, grid: IntakeGrid) -> bool:
    return grid.questions.filter(section=GridQuestion.Section.UNCOMFORTABLE, about_usefulness=True).exists()


@transaction.atomic
def grid_question_add(
    *, grid: IntakeGrid, actor: User, section: str, text: str, about_usefulness: bool = False
) -> GridQuestion:
    grid = IntakeGrid.objects.select_for_update().get(pk=grid.pk)
    _grid_editable(grid)
    errors: dict[str, ValidationError] = {}
    if section not in GridQuestion.Section.values:
        errors["section"] = ValidationError(_("Choose a section."), code="invalid")
    if not (text or "").strip():
        errors["text"] = ValidationError(_("Write the question."), code="required")
    if about_usefulness and section != GridQuestion.Section.UNCOMFORTABLE:
        errors["about_usefulness"] = ValidationError(
            _("Questions on usefulness belong to the uncomfortable questions."), code="section"
        )
    if errors:
        raise ValidationError(errors)
    last = grid.questions.aggregate(last=Max("position"))["last"] or 0
    return GridQuestion.objects.create(
        grid=grid, section=section, text=text.strip()[:500], about_usefulness=about_usefulness, position=last + 1
    )


@transaction.atomic
def grid_question_remove(*, question: GridQuestion, actor: User) -> None:
    _grid_editable(question.grid)
    question.delete()


@transaction.atomic
def grid_new_version(*, commission: Commission, actor: User, source: IntakeGrid | None = None) -> IntakeGrid:
    """A new version of the commission's grid, starting as a copy of ``source`` (another commission's
    grid of the same lab, or by default the current version)."""
    commission = _locked(commission)
    if commission.state not in (State.PROPOSED, State.INTAKE_PLANNED):
        raise ValidationError(_("The interview is recorded: its grid no longer changes."), code="state")
    current = grid_current(commission=commission)
    source = source or current
    if source is not None and source.commission.lab_id != commission.lab_id:
        raise ValidationError({"source": ValidationError(_("Copy a grid of this lab."), code="invalid")})
    grid = IntakeGrid.objects.create(
        commission=commission,
        version=(current.version if current else 0) + 1,
        copied_from=source if source is not None and source != current else None,
    )
    if source is not None:
        GridQuestion.objects.bulk_create(
            GridQuestion(
                grid=grid,
                section=q.section,
                text=q.text,
                about_usefulness=q.about_usefulness,
                position=q.position,
            )
            for q in source.questions.all()
        )
    return grid


@transaction.atomic
def grid_submit(*, grid: IntakeGrid, actor: User, checker: User) -> IntakeGrid:
    """Ask another member of the lab to check the grid."""
    grid = IntakeGrid.objects.select_for_update().select_related("commission__lab").get(pk=grid.pk)
    _grid_editable(grid)
    if not grid_has_usefulness_question(grid=grid):
        raise ValidationError(
            _("Ask at least one uncomfortable question on the project's usefulness first."), code="usefulness"
        )
    if checker.pk == actor.pk:
        raise ValidationError({"checker": ValidationError(_("Another member checks the grid."), code="self")})
    if not NetworkMembership.objects.filter(
        person=checker, network__lab=grid.commission.lab, status=NetworkMembership.Status.ACTIVE
    ).exists():
        raise ValidationError({"checker": ValidationError(_("Choose a member of the lab."), code="invalid")})
    grid.submitted_to = checker
    grid.save(update_fields=["submitted_to"])
    _notify(
        commission=grid.commission,
        people=[checker],
        kind=kinds.COMMISSION_GRID_TO_CHECK,
        event=f"grid-{grid.pk}-{checker.pk}",
        version=grid.version,
    )
    return grid


@transaction.atomic
def grid_check(*, grid: IntakeGrid, actor: User, notes: str = "") -> IntakeGrid:
    """The checker marks the grid as checked: the interview may then be recorded with it."""
    grid = IntakeGrid.objects.select_for_update().select_related("commission__lab").get(pk=grid.pk)
    _grid_editable(grid)
    if grid.submitted_to_id != actor.pk:
        raise ValidationError(_("Only the member asked to check this grid checks it."), code="not_checker")
    if not grid_has_usefulness_question(grid=grid):
        raise ValidationError(
            _("Ask at least one uncomfortable question on the project's usefulness first."), code="usefulness"
        )
    grid.checked_by = actor
    grid.checked_at = timezone.now()
    grid.check_notes = (notes or "").strip()
    grid.save(update_fields=["checked_by", "checked_at", "check_notes"])
    return grid


# --- The interview ----------------------------------------------------------------------------------


@transaction.atomic
def interview_plan(
    *,
    commission: Commission,
    actor: User,
    held_at: datetime.datetime | None,
    place: str,
    interviewers: Sequence[tuple[User, str]],
    interviewees: Sequence[tuple[str, str]] = (),
) -> Interview:
    """Plan (or re-plan) the intake interview: when, where, who asks (members, with their role) and who
    answers (name, role). Tells the commissioner and the interviewers."""
    commission = _locked(commission)
    errors: dict[str, ValidationError] = {}
    if held_at is None:
        errors["held_at"] = ValidationError(_("When does the interview take place?"), code="required")
    if not (place or "").strip():
        errors["place"] = ValidationError(_("Where does the interview take place?"), code="required")
    if not interviewers:
        errors["interviewers"] = ValidationError(_("Choose at least one interviewer."), code="required")
    member_ids = set(
        NetworkMembership.objects.filter(
            network__lab=commission.lab, status=NetworkMembership.Status.ACTIVE
        ).values_list("person_id", flat=True)
    )
    if any(person.pk not in member_ids for person, _role in interviewers):
        errors["interviewers"] = ValidationError(_("Interviewers are members of the lab."), code="invalid")
    if errors:
        raise ValidationError(errors)
    interview, _created = Interview.objects.get_or_create(commission=commission)
    interview.held_at = held_at
    interview.place = place.strip()
    interview.save(update_fields=["held_at", "place", "updated_at"])
    interview.people.all().delete()
    InterviewPerson.objects.bulk_create(
        [
            InterviewPerson(interview=interview, side=InterviewPerson.Side.INTERVIEWER, person=person, role=role)
            for person, role in interviewers
        ]
        + [
            InterviewPerson(interview=interview, side=InterviewPerson.Side.INTERVIEWEE, name=name, role=role)
            for name, role in interviewees
            if name.strip()
        ]
    )
    if commission.state == State.PROPOSED:
        _move(commission=commission, actor=actor, to=State.INTAKE_PLANNED)
    elif commission.state != State.INTAKE_PLANNED:
        raise ValidationError(_("The interview has already been recorded."), code="state")
    _notify(
        commission=commission,
        people=[commission.commissioner, *(person for person, _role in interviewers)],
        kind=kinds.COMMISSION_INTAKE_PLANNED,
        event=f"intake-{held_at:%Y%m%d%H%M}",
        held_at=held_at.isoformat(),
        place=interview.place,
    )
    return interview


class InterviewConflict(Exception):
    """Someone saved the interview since this page loaded it; nothing was overwritten."""

    def __init__(self, interview: Interview) -> None:
        super().__init__(f"interview {interview.pk} is at revision {interview.revision}")
        self.interview = interview


@transaction.atomic
def interview_save(
    *, interview: Interview, actor: User, answers: Mapping[str, str], notes: str, base_revision: int
) -> Interview:
    """Autosave the answers and free notes, if nobody saved since ``base_revision``."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.revision != base_revision:
        raise InterviewConflict(interview)
    question_ids = set()
    if interview.commission_id:
        grid = grid_current(commission=interview.commission)
        question_ids = {str(pk) for pk in grid.questions.values_list("pk", flat=True)} if grid else set()
    cleaned = {str(key): str(value) for key, value in answers.items() if str(key) in question_ids}
    if cleaned == interview.answers and notes == interview.notes:
        return interview
    interview.answers = cleaned
    interview.notes = notes
    interview.revision += 1
    interview.save(update_fields=["answers", "notes", "revision", "updated_at"])
    return interview


@transaction.atomic
def sketch_add(*, interview: Interview, actor: User, image, caption: str = "") -> InterviewSketch:
    return InterviewSketch.objects.create(interview=interview, image=image, caption=(caption or "").strip()[:200])


@transaction.atomic
def interview_record(*, commission: Commission, actor: User) -> Commission:
    """The interview took place, with a grid another member checked."""
    commission = _locked(commission)
    grid = grid_current(commission=commission)
    if grid is None or grid.checked_at is None:
        raise ValidationError(_("Another member checks the grid before the interview is recorded."), code="unchecked")
    interview = Interview.objects.select_for_update().get(commission=commission)
    interview.grid = grid
    interview.recorded_at = timezone.now()
    interview.save(update_fields=["grid", "recorded_at", "updated_at"])
    _move(commission=commission, actor=actor, to=State.INTERVIEWED)
    return commission


@transaction.atomic
def interview_in_sheet_set(*, commission: Commission, actor: User, included: bool) -> Commission:
    commission = _locked(commission)
    commission.interview_in_sheet = bool(included)
    commission.save(update_fields=["interview_in_sheet", "updated_at"])
    return commission


# --- Reformulation ----------------------------------------------------------------------------------


@transaction.atomic
def reformulation_record(
    *, commission: Commission, actor: User, changes: Mapping[str, tuple[str, str]]
) -> list[Reformulation]:
    """A round of reformulation: for each of question, expected output and title, the new text and why.
    Kept as history; the commissioner is asked to validate."""
    commission = _locked(commission)
    if commission.state not in TRANSITIONS[State.REFORMULATED]:
        raise ValidationError(_("Reformulate once the interview is recorded."), code="state")
    errors: dict[str, ValidationError] = {}
    changed: dict[str, tuple[str, str]] = {}
    for field, (after, reason) in changes.items():
        if field not in Reformulation.Field.values:
            continue
        after, reason = (after or "").strip(), (reason or "").strip()
        if not after or after == getattr(commission, field):
            continue
        if not reason:
            errors[f"{field}_reason"] = ValidationError(_("Say why it changes."), code="required")
        changed[field] = (after, reason)
    if not changed and not errors:
        raise ValidationError(_("Change at least the question, the expected output or the title."), code="empty")
    if errors:
        raise ValidationError(errors)
    commission.reformulation_round += 1
    rows = []
    for field, (after, reason) in changed.items():
        rows.append(
            Reformulation.objects.create(
                commission=commission,
                round=commission.reformulation_round,
                field=field,
                before=getattr(commission, field),
                after=after,
                reason=reason,
                author=actor,
            )
        )
        setattr(commission, field, after[:200] if field == "title" else after)
    commission.save()
    audit_record(
        lab=commission.lab,
        actor=actor,
        action=AuditEntry.Action.COMMISSION_REFORMULATED,
        subject=commission.title,
        changes={row.field: [row.before, row.after] for row in rows} | {"commission": commission.pk},
    )
    if commission.state != State.REFORMULATED:
        _move(commission=commission, actor=actor, to=State.REFORMULATED)
    _notify(
        commission=commission,
        people=[commission.commissioner],
        kind=kinds.COMMISSION_TO_VALIDATE,
        event=f"reformulated-{commission.reformulation_round}",
    )
    return rows


@transaction.atomic
def reformulation_review(*, commission: Commission, actor: User, validated: bool, comment: str = "") -> Commission:
    """The commissioner validates the latest round, or comments on it (the team reformulates again)."""
    commission = _locked(commission)
    if commission.state != State.REFORMULATED:
        raise ValidationError(_("There is no reformulation waiting for your answer."), code="state")
    if commission.commissioner_id != actor.pk:
        raise ValidationError(_("Only the commissioner validates the reformulation."), code="not_commissioner")
    comment = (comment or "").strip()
    if not validated and not comment:
        raise ValidationError({"comment": ValidationError(_("Write your comment."), code="required")})
    if commission.reviews.filter(round=commission.reformulation_round).exists():
        raise ValidationError(_("You have already answered this reformulation."), code="answered")
    ReformulationReview.objects.create(
        commission=commission,
        round=commission.reformulation_round,
        decision=ReformulationReview.Decision.VALIDATED if validated else ReformulationReview.Decision.COMMENTED,
        comment=comment,
        reviewer=actor,
    )
    if validated:
        _move(commission=commission, actor=actor, to=State.VALIDATED)
    return commission


# --- Staffing ---------------------------------------------------------------------------------------


@transaction.atomic
def staffing_propose(
    *, commission: Commission, actor: User, memberships: Sequence[NetworkMembership], why: Mapping[int, dict]
) -> list[StaffingProposal]:
    """Propose the commission to members; each accepts or declines."""
    commission = _locked(commission)
    if commission.state not in (State.VALIDATED, State.TEAM_FORMED, State.IN_PROGRESS):
        raise ValidationError(_("Staff the commission once the commissioner has validated it."), code="state")
    if not memberships:
        raise ValidationError({"members": ValidationError(_("Choose at least one member."), code="required")})
    if any(m.network.lab_id != commission.lab_id or not m.is_active for m in memberships):
        raise ValidationError({"members": ValidationError(_("Choose active members of this lab."), code="invalid")})
    proposals = []
    for membership in memberships:
        proposal, created = StaffingProposal.objects.get_or_create(
            commission=commission,
            membership=membership,
            defaults={"proposed_by": actor, "why": dict(why.get(membership.pk, {}))},
        )
        if not created:
            continue
        proposals.append(proposal)
        _notify(
            commission=commission,
            people=[membership.person],
            kind=kinds.COMMISSION_STAFFING_PROPOSED,
            event=f"proposed-{proposal.pk}",
        )
    return proposals


@transaction.atomic
def proposal_answer(*, proposal: StaffingProposal, actor: User, accept: bool) -> StaffingProposal:
    proposal = (
        StaffingProposal.objects.select_for_update(of=("self",))
        .select_related("membership", "commission")
        .get(pk=proposal.pk)
    )
    if proposal.membership.person_id != actor.pk:
        raise ValidationError(_("Only the member it is proposed to answers."), code="not_member")
    if proposal.commission.state not in (State.VALIDATED, State.TEAM_FORMED, State.IN_PROGRESS):
        raise ValidationError(_("This commission is no longer being staffed."), code="state")
    proposal.status = StaffingProposal.Status.ACCEPTED if accept else StaffingProposal.Status.DECLINED
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "answered_at"])
    return proposal


def team_of(*, commission: Commission) -> list[NetworkMembership]:
    return [
        p.membership
        for p in commission.proposals.filter(status=StaffingProposal.Status.ACCEPTED).select_related(
            "membership__person"
        )
    ]


def team_size_warning(*, size: int) -> str:
    """A warning when the confirmed team falls outside 4–5 members, else ""."""
    if TEAM_MIN <= size <= TEAM_MAX:
        return ""
    return str(
        _("The team has %(size)s members: the lab works with teams of %(min)s to %(max)s.")
        % {"size": size, "min": TEAM_MIN, "max": TEAM_MAX}
    )


@transaction.atomic
def team_confirm(*, commission: Commission, actor: User) -> str:
    """Confirm the team (the members who accepted); returns the size warning, if any."""
    commission = _locked(commission)
    team = team_of(commission=commission)
    if not team:
        raise ValidationError(_("Nobody has accepted yet: the team is empty."), code="empty")
    _move(commission=commission, actor=actor, to=State.TEAM_FORMED, extra={"team": [str(m.person) for m in team]})
    _notify(
        commission=commission,
        people=[m.person for m in team],
        kind=kinds.COMMISSION_TEAM_CONFIRMED,
        event="team",
    )
    return team_size_warning(size=len(team))


@transaction.atomic
def commission_start(*, commission: Commission, actor: User) -> Commission:
    commission = _locked(commission)
    _move(commission=commission, actor=actor, to=State.IN_PROGRESS)
    return commission


@transaction.atomic
def commission_close(*, commission: Commission, actor: User) -> Commission:
    commission = _locked(commission)
    _move(commission=commission, actor=actor, to=State.CLOSED)
    return commission


@transaction.atomic
def commission_abandon(*, commission: Commission, actor: User, reason: str) -> Commission:
    commission = _locked(commission)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(_("Say why the commission is abandoned."), code="required")})
    commission.abandon_reason = reason
    commission.save(update_fields=["abandon_reason", "updated_at"])
    _move(commission=commission, actor=actor, to=State.ABANDONED, extra={"reason": reason})
    _notify(
        commission=commission,
        people=[m.person for m in team_of(commission=commission)],
        kind=kinds.COMMISSION_ABANDONED,
        event="abandoned",
        reason=reason,
    )
    return commission
