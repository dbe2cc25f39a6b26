"""A network's life: creation, members (invited, applying, leaving), roles and values.

A person invited by e-mail who already uses Défis joins at once and is told by a notification; anybody
else receives an invitation e-mail with a signed link (``innovation.services.invitations``). Both go
through the outbox, in the same transaction as the membership and its audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from innovation.models import User
from innovation.services import invitations
from innovation.services.notifications import notification_create
from labs.models import AuditEntry, Lab, Network, NetworkMembership, NetworkValue
from labs.services import kinds
from labs.services.audit import audit_changes, audit_record

Role = NetworkMembership.Role
Status = NetworkMembership.Status


def network_url(*, network: Network) -> str:
    return settings.SITE_URL + reverse("labs:network_detail", args=[network.pk])


def _lab_network_name_taken(*, lab: Lab, name: str, exclude_pk: int | None = None) -> bool:
    taken = Network.objects.filter(lab=lab, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    return taken.exists()


def _network_validate(*, lab: Lab, name: str, kind: str, exclude_pk: int | None = None) -> None:
    errors: dict[str, ValidationError] = {}
    if not name:
        errors["name"] = ValidationError(_("Give the network a name."), code="required")
    elif _lab_network_name_taken(lab=lab, name=name, exclude_pk=exclude_pk):
        errors["name"] = ValidationError(_("This lab already has a network with this name."), code="taken")
    if kind not in Network.Kind.values:
        errors["kind"] = ValidationError(_("Choose the kind of network."), code="invalid")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def network_create(
    *, lab: Lab, actor: User, name: str, kind: str = Network.Kind.AMBASSADORS, description: str = "", is_open=False
) -> Network:
    name = name.strip()
    _network_validate(lab=lab, name=name, kind=kind)
    network = Network.objects.create(lab=lab, name=name, kind=kind, description=description.strip(), is_open=is_open)
    audit_record(lab=lab, network=network, actor=actor, action=AuditEntry.Action.NETWORK_CREATED, subject=name)
    return network


@transaction.atomic
def network_update(*, network: Network, actor: User, name: str, kind: str, description: str, is_open: bool) -> Network:
    name = name.strip()
    _network_validate(lab=network.lab, name=name, kind=kind, exclude_pk=network.pk)
    before = {"name": network.name, "kind": network.kind, "description": network.description, "open": network.is_open}
    network.name, network.kind, network.description, network.is_open = name, kind, description.strip(), is_open
    network.save(update_fields=["name", "kind", "description", "is_open"])
    after = {"name": network.name, "kind": network.kind, "description": network.description, "open": network.is_open}
    changes = audit_changes(before=before, after=after)
    if changes:
        audit_record(
            lab=network.lab,
            network=network,
            actor=actor,
            action=AuditEntry.Action.NETWORK_CHANGED,
            subject=network.name,
            changes=changes,
        )
    return network


# --- Members -------------------------------------------------------------------------------------


def _notify_added(*, membership: NetworkMembership, invited_by: User | None, accepted: bool = False) -> None:
    """Tell a person they are in the network: a notification if they use Défis, else an invitation e-mail."""
    network = membership.network
    person = membership.person
    if person.has_usable_password():
        notification_create(
            recipient=person,
            kind=kinds.NETWORK_ADDED,
            event_key=f"labs-network-added:{membership.pk}:{membership.joined_at:%Y%m%d%H%M%S}",
            context={
                "network": network.name,
                "lab": network.lab.name,
                "role": membership.role,
                "invited_by": str(invited_by) if invited_by else "",
                "application_accepted": accepted,
                "url": network_url(network=network),
            },
        )
    else:
        invitations.invitation_create(
            person=person,
            invited_by=invited_by,
            next_url=reverse("labs:network_detail", args=[network.pk]),
            purpose=gettext_noop("Join the network “%(network)s” of %(lab)s."),
            purpose_params={"network": network.name, "lab": network.lab.name},
        )


@transaction.atomic
def member_invite(
    *, network: Network, invited_by: User, email: str, role: str, display_name: str = ""
) -> NetworkMembership:
    """Add the person with this e-mail to the network, inviting them if they have no account yet."""
    email = (email or "").strip().lower()
    errors: dict[str, ValidationError] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = ValidationError(_("Enter a valid e-mail address."), code="invalid")
    if role not in Role.values:
        errors["role"] = ValidationError(_("Choose a role."), code="invalid")
    if errors:
        raise ValidationError(errors)
    membership = (
        NetworkMembership.objects.select_for_update()
        .select_related("person")
        .filter(network=network, person__email__iexact=email)
        .first()
    )
    if membership is not None and membership.status == Status.ACTIVE:
        raise ValidationError(
            {"email": ValidationError(_("This person is already a member of the network."), code="already_member")}
        )
    if membership is None:
        person, _created = invitations.person_get_or_create(email=email, display_name=display_name.strip())
        membership = NetworkMembership(network=network, person=person)
    membership.role = role
    membership.status = Status.ACTIVE
    membership.joined_at = timezone.now()
    membership.left_at = None
    membership.save()
    _notify_added(membership=membership, invited_by=invited_by)
    audit_record(
        lab=network.lab,
        network=network,
        actor=invited_by,
        action=AuditEntry.Action.MEMBER_ADDED,
        subject=str(membership.person),
        changes={"role": [None, role]},
    )
    return membership


def _active_coordinators(network: Network) -> int:
    return NetworkMembership.objects.filter(network=network, status=Status.ACTIVE, role=Role.COORDINATOR).count()


def _refuse_losing_last_coordinator(membership: NetworkMembership) -> None:
    if membership.is_coordinator and _active_coordinators(membership.network) <= 1:
        raise ValidationError(
            _("The network would have no coordinator left: appoint another coordinator first."),
            code="last_coordinator",
        )


def _locked(membership: NetworkMembership) -> NetworkMembership:
    # The network row is the lock of its memberships: two coordinators leaving at once cannot both pass.
    Network.objects.select_for_update().filter(pk=membership.network_id).first()
    return NetworkMembership.objects.select_related("network__lab", "person").get(pk=membership.pk)


@transaction.atomic
def member_role_change(*, membership: NetworkMembership, actor: User, role: str) -> NetworkMembership:
    membership = _locked(membership)
    if role not in Role.values:
        raise ValidationError({"role": ValidationError(_("Choose a role."), code="invalid")})
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("Only an active member has a role to change."), code="not_active")
    if role == membership.role:
        return membership
    if role != Role.COORDINATOR:
        _refuse_losing_last_coordinator(membership)
    audit_record(
        lab=membership.network.lab,
        network=membership.network,
        actor=actor,
        action=AuditEntry.Action.MEMBER_ROLE_CHANGED,
        subject=str(membership.person),
        changes={"role": [membership.role, role]},
    )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, membership: NetworkMembership, actor: User) -> NetworkMembership:
    """A coordinator takes someone out of the network. The row stays, with its history (charters accepted)."""
    return _member_end(membership=membership, actor=actor, action=AuditEntry.Action.MEMBER_REMOVED)


@transaction.atomic
def member_leave(*, membership: NetworkMembership) -> NetworkMembership:
    """A member leaves the network."""
    return _member_end(membership=membership, actor=membership.person, action=AuditEntry.Action.MEMBER_LEFT)


def _member_end(*, membership: NetworkMembership, actor: User, action: str) -> NetworkMembership:
    membership = _locked(membership)
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("This person is not a member of the network."), code="not_active")
    _refuse_losing_last_coordinator(membership)
    membership.status = Status.LEFT
    membership.left_at = timezone.now()
    membership.save(update_fields=["status", "left_at"])
    audit_record(
        lab=membership.network.lab,
        network=membership.network,
        actor=actor,
        action=action,
        subject=str(membership.person),
        changes={"role": [membership.role, None]},
    )
    return membership


# --- Applications ----------------------------------------------------------------------------------


def _default_role(network: Network) -> str:
    return Role.REFERENT if network.kind == Network.Kind.REFERENTS else Role.AMBASSADOR


@transaction.atomic
def network_apply(*, network: Network, person: User, message: str) -> NetworkMembership:
    """A volunteer applies to an open network; its coordinators are told and one of them decides."""
    network = Network.objects.select_for_update().select_related("lab").get(pk=network.pk)
    if not network.is_open:
        raise ValidationError(_("This network does not take applications at the moment."), code="closed")
    message = message.strip()
    if not message:
        raise ValidationError(
            {"message": ValidationError(_("Say in a few words why you want to join."), code="required")}
        )
    membership = NetworkMembership.objects.filter(network=network, person=person).first()
    if membership is not None and membership.status in {Status.ACTIVE, Status.APPLIED}:
        raise ValidationError(_("You are already a member of this network, or your application is pending."))
    if membership is None:
        membership = NetworkMembership(network=network, person=person)
    membership.status = Status.APPLIED
    membership.role = _default_role(network)
    membership.application_message = message
    membership.save()
    coordinators = User.objects.filter(
        network_memberships__network=network,
        network_memberships__status=Status.ACTIVE,
        network_memberships__role=Role.COORDINATOR,
        is_active=True,
    )
    for coordinator in coordinators:
        notification_create(
            recipient=coordinator,
            kind=kinds.APPLICATION_RECEIVED,
            event_key=f"labs-application:{membership.pk}:{timezone.now():%Y%m%d%H%M%S}",
            context={
                "network": network.name,
                "person": str(person),
                "message": message[:500],
                "url": settings.SITE_URL + reverse("labs:member_list", args=[network.pk]),
            },
        )
    return membership


@transaction.atomic
def application_accept(*, membership: NetworkMembership, actor: User, role: str | None = None) -> NetworkMembership:
    membership = _locked(membership)
    if membership.status != Status.APPLIED:
        raise ValidationError(_("This application was already decided."), code="decided")
    role = role or membership.role
    if role not in Role.values:
        raise ValidationError({"role": ValidationError(_("Choose a role."), code="invalid")})
    membership.status = Status.ACTIVE
    membership.role = role
    membership.joined_at = timezone.now()
    membership.left_at = None
    membership.save(update_fields=["status", "role", "joined_at", "left_at"])
    _notify_added(membership=membership, invited_by=actor, accepted=True)
    audit_record(
        lab=membership.network.lab,
        network=membership.network,
        actor=actor,
        action=AuditEntry.Action.APPLICATION_ACCEPTED,
        subject=str(membership.person),
        changes={"role": [None, role]},
    )
    return membership


@transaction.atomic
def application_decline(*, membership: NetworkMembership, actor: User) -> NetworkMembership:
    membership = _locked(membership)
    if membership.status != Status.APPLIED:
        raise ValidationError(_("This application was already decided."), code="decided")
    membership.status = Status.DECLINED
    membership.save(update_fields=["status"])
    notification_create(
        recipient=membership.person,
        kind=kinds.APPLICATION_DECLINED,
        event_key=f"labs-application-declined:{membership.pk}:{timezone.now():%Y%m%d%H%M%S}",
        context={"network": membership.network.name, "lab": membership.network.lab.name},
    )
    audit_record(
        lab=membership.network.lab,
        network=membership.network,
        actor=actor,
        action=AuditEntry.Action.APPLICATION_DECLINED,
        subject=str(membership.person),
    )
    return membership


# --- Values -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueInput:
    name: str
    description: str = ""
    position: int = 0
    at_risk: bool = False
    risk_note: str = ""
    pk: int | None = None
    delete: bool = False


def _value_fields(value: NetworkValue | ValueInput) -> dict:
    return {
        "description": value.description,
        "position": value.position,
        "at_risk": value.at_risk,
        "risk_note": value.risk_note,
    }


def network_values_validate(*, values: Sequence[ValueInput]) -> None:
    """Raise a ``ValidationError`` whose messages name the value they are about."""
    errors: list[ValidationError] = []
    kept = [value for value in values if not value.delete]
    names = [value.name.strip().casefold() for value in kept]
    for value in kept:
        if not value.name.strip():
            errors.append(ValidationError(_("Every value needs a name."), code="required"))
        if value.at_risk and not value.risk_note.strip():
            errors.append(
                ValidationError(
                    _("Say why “%(value)s” is at risk."), code="risk_note", params={"value": value.name.strip()}
                )
            )
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        errors.append(
            ValidationError(
                _("Two values are called “%(name)s”."), code="duplicate", params={"name": ", ".join(duplicates)}
            )
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def network_values_update(*, network: Network, actor: User, values: Sequence[ValueInput]) -> list[NetworkValue]:
    """Add, change, reorder and remove the network's values; each change is audited with its author."""
    network_values_validate(values=values)
    existing = {value.pk: value for value in NetworkValue.objects.select_for_update().filter(network=network)}
    lab = network.lab
    for value in values:
        row = existing.get(value.pk)
        if value.delete:
            if row is not None:
                audit_record(
                    lab=lab, network=network, actor=actor, action=AuditEntry.Action.VALUE_REMOVED, subject=row.name
                )
                row.delete()
            continue
        if not value.name.strip():
            continue
        if row is not None:
            # Names are unique in a network: free them first, so that swapping two names works.
            NetworkValue.objects.filter(pk=row.pk).update(name=f"~{row.pk}")
    result = []
    for value in sorted((value for value in values if not value.delete and value.name.strip()), key=_order):
        fields = {
            "description": value.description.strip(),
            "position": value.position,
            "at_risk": value.at_risk,
            "risk_note": value.risk_note.strip() if value.at_risk else "",
        }
        row = existing.get(value.pk)
        if row is None:
            row = NetworkValue.objects.create(network=network, name=value.name.strip(), **fields)
            audit_record(
                lab=lab,
                network=network,
                actor=actor,
                action=AuditEntry.Action.VALUE_ADDED,
                subject=row.name,
                changes=audit_changes(before={}, after={"name": row.name, **fields}),
            )
        else:
            before = {"name": row.name, **_value_fields(row)}
            row.name = value.name.strip()
            for field, new in fields.items():
                setattr(row, field, new)
            row.save()
            changes = audit_changes(before=before, after={"name": row.name, **fields})
            if changes:
                audit_record(
                    lab=lab,
                    network=network,
                    actor=actor,
                    action=AuditEntry.Action.VALUE_CHANGED,
                    subject=row.name,
                    changes=changes,
                )
        result.append(row)
    return result


def _order(value: ValueInput) -> tuple[int, int]:
    return (value.position, value.pk or 0)
