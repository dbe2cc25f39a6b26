"""Skills and appetences per method phase, declared by each member, and the coordinators' follow-up interviews."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovation.models import User
from labs.models import AuditEntry, MethodPhase, NetworkMembership, SkillInterview, SkillRating
from labs.models.members import LEVEL_MAX
from labs.services.audit import audit_record


@dataclass(frozen=True)
class RatingInput:
    phase_id: int
    competence: int
    appetence: int
    comment: str = ""


@transaction.atomic
def skills_update(
    *,
    membership: NetworkMembership,
    ratings: Sequence[RatingInput],
    brings_commission: bool,
    commission_idea: str = "",
) -> list[SkillRating]:
    """Store the member's own ratings (0 to 3) for the phases of their lab, and whether they would bring a
    commission from their department."""
    phases = {phase.pk: phase for phase in MethodPhase.objects.filter(lab_id=membership.network.lab_id)}
    errors: dict[str, ValidationError] = {}
    for rating in ratings:
        if rating.phase_id not in phases:
            errors["__all__"] = ValidationError(_("This phase is not one of your lab's."), code="unknown_phase")
        if any(not 0 <= level <= LEVEL_MAX for level in (rating.competence, rating.appetence)):
            errors["__all__"] = ValidationError(
                _("A level goes from 0 to %(max)s."), code="level", params={"max": LEVEL_MAX}
            )
    if brings_commission and not commission_idea.strip():
        errors["commission_idea"] = ValidationError(
            _("Say in a sentence which project of your department you would bring."), code="required"
        )
    if errors:
        raise ValidationError(errors)
    existing = {rating.phase_id: rating for rating in SkillRating.objects.filter(membership=membership)}
    saved = []
    for rating in ratings:
        row = existing.get(rating.phase_id) or SkillRating(membership=membership, phase_id=rating.phase_id)
        row.competence = rating.competence
        row.appetence = rating.appetence
        row.comment = rating.comment.strip()
        row.save()
        saved.append(row)
    membership.brings_commission = brings_commission
    membership.commission_idea = commission_idea.strip() if brings_commission else ""
    membership.save(update_fields=["brings_commission", "commission_idea"])
    return saved


@transaction.atomic
def interview_record(
    *, membership: NetworkMembership, interviewer: User, held_on: datetime.date, notes: str
) -> SkillInterview:
    """A coordinator records the follow-up interview. The audit says it happened, never what was said."""
    errors: dict[str, ValidationError] = {}
    if held_on is None:
        errors["held_on"] = ValidationError(_("When was the interview?"), code="required")
    elif held_on > timezone.localdate():
        errors["held_on"] = ValidationError(_("An interview is recorded once it took place."), code="future")
    if not notes.strip():
        errors["notes"] = ValidationError(_("Write the notes of the interview."), code="required")
    if errors:
        raise ValidationError(errors)
    interview = SkillInterview.objects.create(
        membership=membership, interviewer=interviewer, held_on=held_on, notes=notes.strip()
    )
    audit_record(
        lab=membership.network.lab,
        network=membership.network,
        actor=interviewer,
        action=AuditEntry.Action.INTERVIEW_RECORDED,
        subject=str(membership.person),
        changes={"held_on": [None, held_on.isoformat()]},
    )
    return interview
