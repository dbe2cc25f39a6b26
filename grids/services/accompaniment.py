"""Accompaniment after « à retravailler »: a plan, one action per weak step, reminders through the outbox.

Public functions
- ``plan_start(*, assessment, by) -> AccompanimentPlan``: the plan of a submitted assessment whose
  verdict is "to rework" (its existing plan if there is one): one action per weak step, prefilled
  from the step's rework advice and the criteria that fell short; the owner is the default "who".
- ``action_update(*, action, by, text, assignee, due_on, state) -> AccompanimentAction``.
- ``accompaniment_reminders_send(*, today) -> int``: one reminder per action due in 3 days, one per
  action overdue, to the person it is given to, through the outbox (their preferences decide the
  delivery). The event key names the action, the reminder and its due date: a second run writes nothing.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges.models import TeamMembership
from grids.models import AccompanimentAction, AccompanimentPlan, Assessment
from grids.services import scoring
from innovation.models import Notification, User
from innovation.services.notifications import NotificationKind, notification_create, notification_kind_register

ACTION_DUE_SOON = notification_kind_register(
    key="accompaniment_action_due_soon", category="reminders", label=gettext_lazy("An accompaniment action is due soon")
)
ACTION_OVERDUE = notification_kind_register(
    key="accompaniment_action_overdue", category="reminders", label=gettext_lazy("An accompaniment action is overdue")
)
DUE_SOON_DAYS = 3


def _action_text(step: scoring.StepResult) -> str:
    lines = [step.guidance.strip()] if step.guidance.strip() else []
    for shortfall in step.shortfalls:
        lines.append(f"- {shortfall.text}" + (f" : {shortfall.help.strip()}" if shortfall.help.strip() else ""))
    return "\n".join(lines) or _("Rework this step with the owner.")


def _plan_owner(*, assessment: Assessment) -> User | None:
    """Who takes a new plan's actions: the challenge's first owner, or the project's owner (issue 15)."""
    if assessment.challenge_id is None:
        return assessment.project.owner
    owner = (
        TeamMembership.objects.filter(challenge_id=assessment.challenge_id, role=TeamMembership.Role.OWNER)
        .select_related("person")
        .order_by("created_at", "id")
        .first()
    )
    return owner.person if owner else None


def _may_take_actions(*, assessment: Assessment, person: User) -> bool:
    """A member of the challenge's team, or the owner of a project that is not a challenge yet."""
    if assessment.challenge_id is None:
        return person.pk == assessment.project.owner_id
    return TeamMembership.objects.filter(challenge_id=assessment.challenge_id, person=person).exists()


@transaction.atomic
def plan_start(*, assessment: Assessment, by: User) -> AccompanimentPlan:
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("grid", "challenge", "project__owner")
        .get(pk=assessment.pk)
    )
    existing = AccompanimentPlan.objects.filter(assessment=assessment).first()
    if existing is not None:
        return existing
    if assessment.status != Assessment.Status.SUBMITTED or assessment.verdict != Assessment.Verdict.REWORK:
        raise ValidationError(
            _("An accompaniment plan starts from a submitted assessment whose verdict is “to rework”."),
            code="not_rework",
        )
    result = scoring.assessment_result(assessment=assessment)
    plan = AccompanimentPlan.objects.create(assessment=assessment, created_by=by)
    owner = _plan_owner(assessment=assessment)
    AccompanimentAction.objects.bulk_create(
        AccompanimentAction(
            plan=plan,
            step_position=step.position,
            step_title=step.title,
            text=_action_text(step),
            assignee=owner,
        )
        for step in result.weak_steps
    )
    return plan


@transaction.atomic
def action_update(
    *,
    action: AccompanimentAction,
    by: User,
    text: str,
    assignee: User | None,
    due_on: datetime.date | None,
    state: str,
) -> AccompanimentAction:
    action = (
        AccompanimentAction.objects.select_for_update(of=("self",))
        .select_related("plan__assessment__project")
        .get(pk=action.pk)
    )
    errors: dict[str, ValidationError] = {}
    text = text.strip()
    if not text:
        errors["text"] = ValidationError(_("Say what is to be done."), code="required")
    if state not in AccompanimentAction.State.values:
        errors["state"] = ValidationError(_("Unknown state."), code="invalid")
    if assignee is not None and not _may_take_actions(assessment=action.plan.assessment, person=assignee):
        errors["assignee"] = ValidationError(_("Give the action to a member of the challenge’s team."), code="not_team")
    if errors:
        raise ValidationError(errors)
    action.text = text
    action.assignee = assignee
    action.due_on = due_on
    if state == AccompanimentAction.State.DONE and action.state != state:
        action.done_at = timezone.now()
    elif state != AccompanimentAction.State.DONE:
        action.done_at = None
    action.state = state
    action.save()
    return action


def _event_key(action: AccompanimentAction, label: str) -> str:
    return f"accompaniment-action:{action.pk}:{label}:{action.due_on.isoformat()}"


def _reminder(action: AccompanimentAction, kind: NotificationKind, label: str) -> None:
    assessment = action.plan.assessment
    challenge = assessment.challenge
    notification_create(
        recipient=action.assignee,
        kind=kind,
        event_key=_event_key(action, label),
        context={
            # A project's plan (issue 15) is named by the project's title
            "challenge_number": challenge.number if challenge else "",
            "challenge_question": challenge.question if challenge else assessment.project.title,
            "step": f"{action.step_position}. {action.step_title}",
            "due_on": action.due_on.isoformat(),
            "url": reverse("grids:plan_detail", args=[action.plan_id]),
        },
    )


@transaction.atomic
def accompaniment_reminders_send(*, today: datetime.date) -> int:
    """Write the reminders of the actions due in 3 days and of the actions overdue. Returns how many were new."""
    open_actions = (
        AccompanimentAction.objects.exclude(state=AccompanimentAction.State.DONE)
        .filter(assignee__isnull=False, assignee__is_active=True, due_on__isnull=False)
        .select_related("assignee", "plan__assessment__challenge", "plan__assessment__project")
    )
    soon = list(open_actions.filter(due_on=today + datetime.timedelta(days=DUE_SOON_DAYS)))
    overdue = list(open_actions.filter(due_on__lt=today))
    keys = {
        _event_key(action, label) for label, actions in (("due-soon", soon), ("overdue", overdue)) for action in actions
    }
    already = set(
        Notification.objects.filter(kind__in=[ACTION_DUE_SOON.key, ACTION_OVERDUE.key], event_key__in=keys).values_list(
            "recipient_id", "event_key"
        )
    )
    written = 0
    for label, kind, actions in (("due-soon", ACTION_DUE_SOON, soon), ("overdue", ACTION_OVERDUE, overdue)):
        for action in actions:
            if (action.assignee_id, _event_key(action, label)) in already:
                continue
            _reminder(action, kind, label)
            written += 1
    return written
