"""A network's pages: its members with the charter version each accepted, applications, the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from innovation.models import User
from labs.models import (
    AuditEntry,
    Charter,
    CharterAcceptance,
    Lab,
    LabSession,
    Network,
    NetworkMembership,
    NetworkValue,
)

ACTIVE = NetworkMembership.Status.ACTIVE
APPLIED = NetworkMembership.Status.APPLIED


def lab_networks(*, lab: Lab) -> list[Network]:
    """The lab's networks with their number of members (its public page)."""
    return list(
        Network.objects.filter(lab=lab).annotate(member_count=Count("members", filter=Q(members__status=ACTIVE)))
    )


def lab_upcoming_sessions(*, lab: Lab, today, limit: int = 5) -> list[LabSession]:
    return list(LabSession.objects.filter(lab=lab, ends_on__gte=today).order_by("starts_on", "number")[:limit])


def lab_coordinators(*, lab: Lab) -> list[User]:
    return list(
        User.objects.filter(
            network_memberships__network__lab=lab,
            network_memberships__status=ACTIVE,
            network_memberships__role=NetworkMembership.Role.COORDINATOR,
        )
        .distinct()
        .order_by("display_name", "email")
    )


def person_memberships(*, person: User) -> list[NetworkMembership]:
    """One's own active memberships and pending applications, with their network and lab."""
    if not person.is_authenticated:
        return []
    return list(
        NetworkMembership.objects.filter(person=person, status__in=[ACTIVE, APPLIED])
        .select_related("network__lab")
        .order_by("network__lab__name", "network__name")
    )


def network_values(*, network: Network) -> list[NetworkValue]:
    return list(NetworkValue.objects.filter(network=network))


@dataclass
class MemberRow:
    membership: NetworkMembership
    accepted_version: int | None
    accepted_at: object | None


def network_members(*, network: Network) -> list[MemberRow]:
    """Active members, coordinators first, each with the newest charter version they accepted."""
    members = list(
        NetworkMembership.objects.filter(network=network, status=ACTIVE)
        .select_related("person__organisation")
        .order_by("person__display_name", "person__email", "id")
    )
    latest: dict[int, tuple[int, object]] = {}
    for person_id, version, accepted_at in CharterAcceptance.objects.filter(charter__network=network).values_list(
        "person_id", "charter__version", "accepted_at"
    ):
        if person_id not in latest or latest[person_id][0] < version:
            latest[person_id] = (version, accepted_at)
    rows = [
        MemberRow(membership=member, accepted_version=latest.get(member.person_id, (None, None))[0],
                  accepted_at=latest.get(member.person_id, (None, None))[1])
        for member in members
    ]  # fmt: skip
    rows.sort(key=lambda row: row.membership.role != NetworkMembership.Role.COORDINATOR)
    return rows


def network_applications(*, network: Network) -> QuerySet[NetworkMembership]:
    return (
        NetworkMembership.objects.filter(network=network, status=APPLIED)
        .select_related("person__organisation")
        .order_by("created_at", "id")
    )


def person_accepted(*, charter: Charter | None, person: User) -> bool:
    if charter is None or not person.is_authenticated:
        return False
    return CharterAcceptance.objects.filter(charter=charter, person=person).exists()


def network_audit(*, network: Network, limit: int = 200) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(Q(network=network) | Q(network__isnull=True, lab_id=network.lab_id))
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
