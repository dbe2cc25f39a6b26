"""Create a lab with its first network and coordinator; edit its page, coordination and method phases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation.models import Organisation, User
from labs.models import AuditEntry, CoordinationDuty, Lab, MethodPhase, Network, NetworkMembership
from labs.services.audit import audit_changes, audit_record
from labs.services.networks import member_invite, network_create

# The method phases a new lab starts with (seed 004); coordinators rename, add or reorder them.
DEFAULT_PHASES = (
    _("Reformulating the commission"),
    _("Field enquiry"),
    _("Ideation"),
    _("Prototyping"),
    _("Testing"),
)


@transaction.atomic
def lab_create(
    *,
    created_by: User,
    name: str,
    organisation: Organisation | None = None,
    territory: str = "",
    description: str = "",
    network_name: str,
    network_kind: str = Network.Kind.AMBASSADORS,
    coordinator_email: str,
    coordinator_name: str = "",
) -> Lab:
    """A new lab, its coordination duties, the default method phases, a first network and its coordinator."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": ValidationError(_("Give the lab a name."), code="required")})
    if Lab.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": ValidationError(_("A lab with this name already exists."), code="taken")})
    lab = Lab.objects.create(
        name=name, organisation=organisation, territory=territory.strip(), description=description.strip()
    )
    CoordinationDuty.objects.bulk_create(
        CoordinationDuty(lab=lab, kind=kind, position=position)
        for position, kind in enumerate(CoordinationDuty.Kind.values)
    )
    MethodPhase.objects.bulk_create(
        MethodPhase(lab=lab, name=gettext(str(phase)), position=position)
        for position, phase in enumerate(DEFAULT_PHASES, start=1)
    )
    network = network_create(lab=lab, actor=created_by, name=network_name, kind=network_kind)
    member_invite(
        network=network,
        invited_by=created_by,
        email=coordinator_email,
        role=NetworkMembership.Role.COORDINATOR,
        display_name=coordinator_name,
    )
    return lab


@dataclass(frozen=True)
class DutyInput:
    kind: str
    holder: User | None
    description: str = ""


@transaction.atomic
def lab_update(*, lab: Lab, actor: User, territory: str, description: str, duties: Sequence[DutyInput]) -> Lab:
    """Change the lab's page and who holds each duty of its coordination function."""
    errors: dict[str, ValidationError] = {}
    member_ids = set(
        NetworkMembership.objects.filter(network__lab=lab, status=NetworkMembership.Status.ACTIVE).values_list(
            "person_id", flat=True
        )
    )
    for duty in duties:
        if duty.kind not in CoordinationDuty.Kind.values:
            errors["__all__"] = ValidationError(_("Unknown coordination duty."), code="unknown_duty")
        elif duty.holder is not None and duty.holder.pk not in member_ids:
            errors[f"{duty.kind}_holder"] = ValidationError(
                _("Choose a member of one of the lab's networks."), code="not_member"
            )
    if errors:
        raise ValidationError(errors)
    before = {"territory": lab.territory, "description": lab.description}
    current = {duty.kind: duty for duty in lab.duties.select_related("holder")}
    for duty in duties:
        row = current.get(duty.kind)
        if row is None:
            row = CoordinationDuty(lab=lab, kind=duty.kind, position=CoordinationDuty.Kind.values.index(duty.kind))
        before[f"{duty.kind}"] = str(row.holder or "")
        before[f"{duty.kind}_description"] = row.description
        row.holder = duty.holder
        row.description = duty.description.strip()
        row.save()
    lab.territory = territory.strip()
    lab.description = description.strip()
    lab.save(update_fields=["territory", "description"])
    after = {"territory": lab.territory, "description": lab.description}
    for duty in duties:
        after[duty.kind] = str(duty.holder or "")
        after[f"{duty.kind}_description"] = duty.description.strip()
    changes = audit_changes(before=before, after=after)
    if changes:
        audit_record(lab=lab, actor=actor, action=AuditEntry.Action.LAB_CHANGED, subject=lab.name, changes=changes)
    return lab


@dataclass(frozen=True)
class PhaseInput:
    name: str
    position: int
    pk: int | None = None
    delete: bool = False


@transaction.atomic
def lab_phases_update(*, lab: Lab, actor: User, phases: Sequence[PhaseInput]) -> list[MethodPhase]:
    """Rename, reorder, add or remove the lab's method phases. A phase members rated cannot be removed:
    their ratings would go with it (rename it instead)."""
    existing = {phase.pk: phase for phase in MethodPhase.objects.select_for_update().filter(lab=lab)}
    before = [phase.name for phase in existing.values()]  # in the model's order: position, id
    errors: list[ValidationError] = []
    kept = [phase for phase in phases if not phase.delete and (phase.name.strip() or phase.pk)]
    names = [phase.name.strip().casefold() for phase in kept]
    if any(not name for name in names):
        errors.append(ValidationError(_("Every phase needs a name."), code="required"))
    if len(set(names)) != len(names):
        errors.append(ValidationError(_("Two phases have the same name."), code="duplicate"))
    if not kept:
        errors.append(ValidationError(_("Keep at least one method phase."), code="empty"))
    removed = [existing[phase.pk] for phase in phases if phase.delete and phase.pk in existing]
    rated = [phase.name for phase in removed if phase.ratings.exists()]
    if rated:
        errors.append(
            ValidationError(
                _("Members rated themselves on %(phases)s: rename the phase instead of removing it."),
                code="rated",
                params={"phases": ", ".join(rated)},
            )
        )
    if errors:
        raise ValidationError(errors)
    for phase in removed:
        phase.delete()
    # Two passes, so that swapping two names never meets the unique constraint half-way.
    for phase in kept:
        if phase.pk in existing:
            MethodPhase.objects.filter(pk=phase.pk).update(name=f"~{phase.pk}")
    result = []
    for phase in sorted(kept, key=lambda item: item.position):
        row = existing.get(phase.pk) or MethodPhase(lab=lab)
        row.name = phase.name.strip()
        row.position = phase.position
        row.save()
        result.append(row)
    after = [phase.name for phase in result]
    if before != after:
        audit_record(
            lab=lab,
            actor=actor,
            action=AuditEntry.Action.LAB_CHANGED,
            subject=gettext("Method phases"),
            changes={"phases": [before, after]},
        )
    return result
