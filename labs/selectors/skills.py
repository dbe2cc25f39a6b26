"""The skills matrix: members × method phases, competence and appetence, filterable, in a fixed number of
queries whatever the number of members."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from labs.models import MethodPhase, Network, NetworkMembership, SkillInterview, SkillRating


@dataclass(frozen=True)
class MatrixFilters:
    """What the matrix shows: a name, a role, who would bring a commission, a phase with minimum levels."""

    query: str = ""
    role: str = ""
    brings_commission: bool = False
    phase: int | None = None
    min_competence: int = 0
    min_appetence: int = 0

    @property
    def active(self) -> bool:
        return bool(self.query or self.role or self.brings_commission or self.phase)


@dataclass
class MatrixRow:
    membership: NetworkMembership
    cells: list[SkillRating | None] = field(default_factory=list)


@dataclass
class Matrix:
    phases: list[MethodPhase]
    rows: list[MatrixRow]
    total: int


def skills_matrix(*, network: Network, filters: MatrixFilters) -> Matrix:
    phases = list(MethodPhase.objects.filter(lab_id=network.lab_id))
    everyone = NetworkMembership.objects.filter(network=network, status=NetworkMembership.Status.ACTIVE)
    members = everyone.select_related("person__organisation").order_by("person__display_name", "person__email", "id")
    if filters.query:
        members = members.filter(
            Q(person__display_name__icontains=filters.query) | Q(person__organisation__name__icontains=filters.query)
        )
    if filters.role:
        members = members.filter(role=filters.role)
    if filters.brings_commission:
        members = members.filter(brings_commission=True)
    if filters.phase:
        members = members.filter(
            Exists(
                SkillRating.objects.filter(
                    membership=OuterRef("pk"),
                    phase_id=filters.phase,
                    competence__gte=filters.min_competence,
                    appetence__gte=filters.min_appetence,
                )
            )
        )
    members = list(members)
    ratings: dict[tuple[int, int], SkillRating] = {
        (rating.membership_id, rating.phase_id): rating
        for rating in SkillRating.objects.filter(membership__in=[member.pk for member in members])
    }
    rows = [
        MatrixRow(membership=member, cells=[ratings.get((member.pk, phase.pk)) for phase in phases])
        for member in members
    ]
    return Matrix(phases=phases, rows=rows, total=everyone.count() if filters.active else len(rows))


def member_ratings(*, membership: NetworkMembership) -> tuple[list[MethodPhase], dict[int, SkillRating]]:
    phases = list(MethodPhase.objects.filter(lab_id=membership.network.lab_id))
    ratings = {rating.phase_id: rating for rating in SkillRating.objects.filter(membership=membership)}
    return phases, ratings


def member_interviews(*, membership: NetworkMembership) -> list[SkillInterview]:
    return list(SkillInterview.objects.filter(membership=membership).select_related("interviewer"))
