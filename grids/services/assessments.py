"""Assessments: start one, save answers as you go, submit (locks), assign peer reviews, notify.

Public functions
- ``assessment_start(*, challenge, by, grid=None) -> Assessment``: the owner's self-assessment
  draft (their open draft if there is one), on the current version of the default grid.
- ``project_assessment_start(*, project, by, grid=None, from_previous=False) -> Assessment``: the project
  owner's self-assessment of a project that is not a challenge yet (issue 15).
- ``review_start(*, challenge, by, grid=None) -> Assessment``: a facilitator review draft.
- ``peer_review_assign(*, challenge, reviewer, by, grid=None) -> Assessment``: a peer review
  draft assigned by a facilitator; notifies the reviewer. ``peer_review_assign_by_email`` finds the
  reviewer's account first.
- ``answer_save(*, assessment, by, criterion_id, value, justification) -> Answer``: one answer
  (the autosave). ``value`` is a level ("0", "1"…), "na", "unknown" or "" (no level yet).
- ``answers_save(*, assessment, by, entries) -> int``: many answers at once (the full form);
  all valid or none saved. Blank entries never erase an answer saved from another tab.
- ``assessment_submit(*, assessment, by, at=None, unanswered_confirmed=True) -> Assessment``: checks the
  mandatory criteria (and, for a page, that submitting with unanswered criteria was confirmed), stores the
  result (step scores, overall, verdict) and locks the assessment.
- ``assessment_start``/``review_start`` take ``from_previous``: a re-assessment starts from the answers of
  the previous submitted one.
Errors are ``django.core.exceptions.ValidationError`` with French messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges.models import Challenge, TeamMembership
from grids.models import Answer, Assessment, Criterion, Grid, Project
from grids.rules import is_assessor
from grids.services import scoring
from grids.services.grids import default_grid_ensure
from innovation.models import User
from innovation.services.notifications import notification_create, notification_kind_register

REVIEW_ASSIGNED = notification_kind_register(
    key="assessment_review_assigned", category="assessments", label=gettext_lazy("A review is assigned to you")
)
REVIEW_SUBMITTED = notification_kind_register(
    key="assessment_review_submitted", category="assessments", label=gettext_lazy("A review was submitted")
)
SELF_ASSESSMENT_SUBMITTED = notification_kind_register(
    key="assessment_submitted", category="assessments", label=gettext_lazy("An owner submitted a self-assessment")
)

JUSTIFICATION_MAX = 5000


def _grid_for(grid: Grid | None) -> Grid:
    if grid is not None:
        return grid
    return default_grid_ensure()


def _subject(*, challenge: Challenge | None, project: Project | None) -> dict:
    """What an assessment is of: a challenge, or a project not yet a challenge (issue 15)."""
    return {"challenge": challenge} if challenge is not None else {"challenge": None, "project": project}


def _open_draft(*, assessor: User, kind: str, challenge: Challenge | None = None, project: Project | None = None):
    return (
        Assessment.objects.filter(
            **_subject(challenge=challenge, project=project),
            assessor=assessor,
            kind=kind,
            status=Assessment.Status.DRAFT,
        )
        .order_by("-created_at", "-id")
        .first()
    )


def previous_submitted(
    *, assessor: User, kind: str, challenge: Challenge | None = None, project: Project | None = None
) -> Assessment | None:
    """The latest submitted assessment of this kind by ``assessor`` on ``challenge`` (a re-assessment's start)."""
    return (
        Assessment.objects.filter(
            **_subject(challenge=challenge, project=project),
            assessor=assessor,
            kind=kind,
            status=Assessment.Status.SUBMITTED,
        )
        .order_by("-submitted_at", "-id")
        .first()
    )


def _answers_copy(*, source: Assessment, target: Assessment) -> int:
    """Copy ``source``'s answers into the new draft ``target``; how many were copied.

    On the same grid every answer is copied. On another grid (a newer version), an answer is copied to the
    criterion of the same step position and the same text, and only with a level that the scale still has.
    """
    criteria = {
        (step_position, text): pk
        for pk, step_position, text in Criterion.objects.filter(step__grid_id=target.grid_id).values_list(
            "pk", "step__position", "text"
        )
    }
    levels = set(target.grid.level_values)
    copies = []
    for answer in Answer.objects.filter(assessment=source).select_related("criterion__step"):
        criterion_id = criteria.get((answer.criterion.step.position, answer.criterion.text))
        if criterion_id is None or (answer.level is not None and answer.level not in levels):
            continue
        copies.append(
            Answer(
                assessment=target,
                criterion_id=criterion_id,
                level=answer.level,
                special=answer.special,
                justification=answer.justification,
            )
        )
    Answer.objects.bulk_create(copies)
    return len(copies)


def _draft_start(
    *,
    challenge: Challenge | None,
    by: User,
    kind: str,
    grid: Grid | None,
    from_previous: bool,
    assigned_by: User | None,
    project: Project | None = None,
) -> Assessment:
    draft = _open_draft(challenge=challenge, project=project, assessor=by, kind=kind)
    if draft is not None:
        return draft
    previous = (
        previous_submitted(challenge=challenge, project=project, assessor=by, kind=kind) if from_previous else None
    )
    assessment = Assessment.objects.create(
        **_subject(challenge=challenge, project=project),
        grid=_grid_for(grid),
        assessor=by,
        kind=kind,
        assigned_by=assigned_by,
    )
    if previous is not None:
        _answers_copy(source=previous, target=assessment)
    return assessment


@transaction.atomic
def assessment_start(
    *, challenge: Challenge, by: User, grid: Grid | None = None, from_previous: bool = False
) -> Assessment:
    """The owner's self-assessment draft: the open one, or a new one on the grid's current version.

    With ``from_previous``, a new draft starts with the answers of the owner's previous submitted
    self-assessment of this challenge (a re-assessment changes what moved, not everything).
    """
    return _draft_start(
        challenge=challenge, by=by, kind=Assessment.Kind.SELF, grid=grid, from_previous=from_previous, assigned_by=None
    )


@transaction.atomic
def review_start(
    *, challenge: Challenge, by: User, grid: Grid | None = None, from_previous: bool = False
) -> Assessment:
    """A facilitator's review draft (the open one, or a new one; ``from_previous`` as for a self-assessment)."""
    return _draft_start(
        challenge=challenge,
        by=by,
        kind=Assessment.Kind.FACILITATOR,
        grid=grid,
        from_previous=from_previous,
        assigned_by=by,
    )


@transaction.atomic
def project_assessment_start(
    *, project: Project, by: User, grid: Grid | None = None, from_previous: bool = False
) -> Assessment:
    """The project owner's self-assessment draft (issue 15), as ``assessment_start`` for a challenge.

    Only the project's owner assesses it, and only until it becomes a challenge: then its challenge is assessed.
    """
    if by.pk != project.owner_id:
        raise PermissionDenied
    if project.challenge_id is not None:
        raise ValidationError(_("This project is now a challenge: assess the challenge."), code="project_is_challenge")
    return _draft_start(
        challenge=None,
        project=project,
        by=by,
        kind=Assessment.Kind.SELF,
        grid=grid,
        from_previous=from_previous,
        assigned_by=None,
    )


@transaction.atomic
def peer_review_assign(*, challenge: Challenge, reviewer: User, by: User, grid: Grid | None = None) -> Assessment:
    """Assign a peer review to ``reviewer`` (not a member of the team) and tell them."""
    if TeamMembership.objects.filter(challenge=challenge, person=reviewer).exists():
        raise ValidationError(_("A peer reviewer cannot be a member of the challenge’s team."))
    draft = _open_draft(challenge=challenge, assessor=reviewer, kind=Assessment.Kind.PEER)
    if draft is not None:
        return draft
    assessment = Assessment.objects.create(
        challenge=challenge, grid=_grid_for(grid), assessor=reviewer, kind=Assessment.Kind.PEER, assigned_by=by
    )
    notification_create(
        recipient=reviewer,
        kind=REVIEW_ASSIGNED,
        event_key=f"assessment-{assessment.pk}-assigned",
        context={
            "assigned_by": str(by),
            "challenge_number": challenge.number,
            "challenge_question": challenge.question,
            "url": reverse("grids:assessment_form", args=[assessment.pk]),
        },
    )
    return assessment


def peer_review_assign_by_email(*, challenge: Challenge, email: str, by: User, grid: Grid | None = None) -> Assessment:
    """Assign a peer review to the person with this e-mail address; errors are keyed ``email``."""
    reviewer = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if reviewer is None:
        raise ValidationError(
            {"email": ValidationError(_("Nobody has a Défis account with this address yet."), code="unknown")}
        )
    try:
        return peer_review_assign(challenge=challenge, reviewer=reviewer, by=by, grid=grid)
    except ValidationError as error:
        raise ValidationError({"email": error.error_list}) from error


# --- Answers ----------------------------------------------------------------


def answer_parse(*, grid: Grid, value: str) -> tuple[int | None, str]:
    """(level, special) from a submitted value, or ``ValidationError`` when outside the scale."""
    value = (value or "").strip()
    if value == "":
        return None, ""
    if value in (Answer.Special.NOT_APPLICABLE, Answer.Special.UNKNOWN):
        return None, value
    levels = {str(level): level for level in grid.level_values}  # "²" or "٣" are not levels: no int() here
    if value in levels:
        return levels[value], ""
    raise ValidationError(level_choice_error(grid=grid))


def level_choice_error(*, grid: Grid) -> str:
    """The message for a value that is not a level of ``grid``'s scale nor a special answer."""
    return _("Choose a level of the scale (%(low)s to %(high)s), “not applicable” or “I don’t know yet”.") % {
        "low": min(grid.level_values),
        "high": grid.max_level,
    }


def _locked_draft(*, assessment: Assessment, by: User) -> Assessment:
    """The assessment row, locked for this transaction; only its assessor may change it, while a draft."""
    locked = Assessment.objects.select_for_update().select_related("grid").get(pk=assessment.pk)
    if not is_assessor.test(by, locked):
        raise PermissionDenied
    if locked.status != Assessment.Status.DRAFT:
        raise ValidationError(_("This assessment was submitted: it is locked."))
    return locked


def _justification(text: str) -> str:
    text = (text or "").strip()
    if len(text) > JUSTIFICATION_MAX:
        raise ValidationError(
            _("The justification is too long (at most %(max)s characters).") % {"max": JUSTIFICATION_MAX}
        )
    return text


@transaction.atomic
def answer_save(*, assessment: Assessment, by: User, criterion_id: int, value: str, justification: str = "") -> Answer:
    """Save one answer. Two tabs saving at once each keep their answer (one row per criterion)."""
    locked = _locked_draft(assessment=assessment, by=by)
    if not Criterion.objects.filter(pk=criterion_id, step__grid_id=locked.grid_id).exists():
        raise ValidationError(_("This criterion is not part of the grid of this assessment."))
    level, special = answer_parse(grid=locked.grid, value=value)
    answer, _created = Answer.objects.update_or_create(
        assessment=locked,
        criterion_id=criterion_id,
        defaults={"level": level, "special": special, "justification": _justification(justification)},
    )
    Assessment.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
    return answer


@transaction.atomic
def answers_save(*, assessment: Assessment, by: User, entries: Mapping[int, tuple[str, str]]) -> int:
    """Save the answers of the full form: ``{criterion_id: (value, justification)}``.

    Every entry is checked first; on any error a ``ValidationError`` whose
    ``error_dict`` is keyed by criterion id is raised and nothing is saved.
    A blank entry (no level, no justification) is skipped, so it never erases an
    answer saved meanwhile from another tab. Returns how many answers were saved.
    """
    locked = _locked_draft(assessment=assessment, by=by)
    criterion_ids = set(Criterion.objects.filter(step__grid_id=locked.grid_id).values_list("pk", flat=True))
    errors: dict[str, list[str]] = {}
    clean: dict[int, tuple[int | None, str, str]] = {}
    for criterion_id, (value, justification) in entries.items():
        if criterion_id not in criterion_ids:
            errors[str(criterion_id)] = [_("This criterion is not part of the grid of this assessment.")]
            continue
        try:
            level, special = answer_parse(grid=locked.grid, value=value)
            text = _justification(justification)
        except ValidationError as error:
            errors[str(criterion_id)] = error.messages
            continue
        if level is None and not special and not text:
            continue
        clean[criterion_id] = (level, special, text)
    if errors:
        raise ValidationError(errors)
    for criterion_id, (level, special, text) in sorted(clean.items()):
        Answer.objects.update_or_create(
            assessment=locked,
            criterion_id=criterion_id,
            defaults={"level": level, "special": special, "justification": text},
        )
    Assessment.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
    return len(clean)


# --- Submission -------------------------------------------------------------


def assessment_submit_errors(*, assessment: Assessment) -> dict[int, str]:
    """What prevents submitting: criterion id → French message (mandatory criteria only)."""
    answers = {a.criterion_id: a for a in Answer.objects.filter(assessment=assessment)}
    errors: dict[int, str] = {}
    for criterion in Criterion.objects.filter(step__grid_id=assessment.grid_id, mandatory=True):
        answer = answers.get(criterion.pk)
        if answer is None or answer.level is None:
            errors[criterion.pk] = _("This criterion is mandatory: choose a level.")
        elif not answer.justification.strip():
            errors[criterion.pk] = _("This criterion is mandatory: justify the level you chose.")
    return errors


def assessment_unanswered(*, assessment: Assessment) -> tuple[int, int]:
    """(criteria without an answer, criteria of the grid): unanswered criteria count as 0 in the score."""
    total = Criterion.objects.filter(step__grid_id=assessment.grid_id).count()
    answered = sum(1 for answer in Answer.objects.filter(assessment=assessment) if answer.is_answered)
    return total - answered, total


def unanswered_message(*, unanswered: int, total: int) -> str:
    return _("%(unanswered)s of %(total)s criteria without an answer") % {"unanswered": unanswered, "total": total}


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, by: User, at: datetime | None = None, unanswered_confirmed: bool = True
) -> Assessment:
    """Store the result and lock the assessment. Raises ``ValidationError`` (keyed by criterion id).

    A page passes ``unanswered_confirmed`` as the person's explicit confirmation: without it, an assessment
    with unanswered criteria (they count as 0) is refused with a ``ValidationError`` coded ``unanswered``
    that says how many are left.
    """
    locked = _locked_draft(assessment=assessment, by=by)
    errors = assessment_submit_errors(assessment=locked)
    if errors:
        raise ValidationError({str(pk): [message] for pk, message in errors.items()})
    if not unanswered_confirmed:
        unanswered, total = assessment_unanswered(assessment=locked)
        if unanswered:
            raise ValidationError(
                _("%(count)s. Unanswered criteria count as 0: confirm to submit anyway.")
                % {"count": unanswered_message(unanswered=unanswered, total=total)},
                code="unanswered",
            )
    result = scoring.assessment_result(assessment=locked)
    locked.status = Assessment.Status.SUBMITTED
    locked.submitted_at = at or timezone.now()
    locked.overall_score = result.overall
    locked.step_scores = result.as_stored()
    locked.verdict = result.verdict
    locked.save(update_fields=["status", "submitted_at", "overall_score", "step_scores", "verdict", "updated_at"])
    _notify_submitted(assessment=locked)
    return locked


def _notify_submitted(*, assessment: Assessment) -> None:
    if assessment.challenge_id is None:
        return  # a project's self-assessment (issue 15): its owner reads the result, nobody else follows it yet
    challenge = Challenge.objects.select_related("site").get(pk=assessment.challenge_id)
    # Keys and values, not words: each e-mail says them in its recipient's language.
    context = {
        "assessor": str(assessment.assessor),
        "challenge_number": challenge.number,
        "challenge_question": challenge.question,
        "kind": assessment.kind,
        "verdict": assessment.verdict,
        "url": reverse("grids:assessment_results", args=[assessment.pk]),
    }
    if assessment.kind == Assessment.Kind.SELF:
        recipients = {p.pk: p for p in challenge.site.facilitators.all()}
        for membership in TeamMembership.objects.filter(
            challenge=challenge, role=TeamMembership.Role.FACILITATOR
        ).select_related("person"):
            recipients[membership.person_id] = membership.person
        kind = SELF_ASSESSMENT_SUBMITTED
    else:
        recipients = {
            m.person_id: m.person
            for m in TeamMembership.objects.filter(challenge=challenge, role=TeamMembership.Role.OWNER).select_related(
                "person"
            )
        }
        if assessment.assigned_by_id:
            recipients.setdefault(assessment.assigned_by_id, assessment.assigned_by)
        kind = REVIEW_SUBMITTED
    for recipient in recipients.values():
        if is_assessor.test(recipient, assessment):
            continue  # nobody is told of their own submission
        notification_create(
            recipient=recipient, kind=kind, event_key=f"assessment-{assessment.pk}-submitted", context=context
        )
