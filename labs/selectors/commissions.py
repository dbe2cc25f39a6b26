"""Read queries for commissions: the board, a commission's page, « Mes commandes », and the staffing
candidates handed to the pure suggestion (``labs.services.staffing``)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum

from innovation.models import User
from labs.models import (
    AuditEntry,
    Authorisation,
    Commission,
    InterviewPerson,
    Lab,
    NetworkMembership,
    SkillRating,
    StaffingProposal,
)
from labs.services.staffing import Candidate

BUSY_STATES = (Commission.State.TEAM_FORMED, Commission.State.IN_PROGRESS)


def commission_board(*, lab: Lab, state: str = "", mode: str = "", query: str = "") -> dict[str, list[Commission]]:
    """The lab's commissions grouped by state, in the order of the states (one query)."""
    commissions = Commission.objects.filter(lab=lab).select_related("commissioner")
    if state:
        commissions = commissions.filter(state=state)
    if mode:
        commissions = commissions.filter(mode=mode)
    if query:
        commissions = commissions.filter(
            Q(title__icontains=query) | Q(commissioner_name__icontains=query) | Q(case__icontains=query)
        )
    board: dict[str, list[Commission]] = {value: [] for value in Commission.State.values}
    for commission in commissions:
        board[commission.state].append(commission)
    return board


def commission_page(*, commission: Commission) -> Commission:
    return (
        Commission.objects.select_related("lab", "commissioner", "proposed_by")
        .prefetch_related(
            "phases",
            Prefetch("accompaniments", queryset=commission.accompaniments.select_related("session")),
            Prefetch("proposals", queryset=StaffingProposal.objects.select_related("membership__person")),
            "reformulations__author",
            "reviews__reviewer",
        )
        .get(pk=commission.pk)
    )


def commission_timeline(*, commission: Commission) -> list[AuditEntry]:
    """State changes and reformulations of this commission, oldest first; each state change carries
    ``state_labels`` (before, after) in the reader's language."""
    labels = dict(Commission.State.choices)
    entries = list(
        AuditEntry.objects.filter(
            lab_id=commission.lab_id,
            action__in=[AuditEntry.Action.COMMISSION_STATE, AuditEntry.Action.COMMISSION_REFORMULATED],
            changes__commission=commission.pk,
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    for entry in entries:
        before, after = (entry.changes.get("state") or [None, None])[:2]
        entry.state_labels = (labels.get(before, ""), labels.get(after, "")) if after else None
    return entries


def commission_team_person_ids(*, commission: Commission) -> set[int]:
    """Who is on the commission's team: the members who accepted, and the interviewers."""
    accepted = StaffingProposal.objects.filter(
        commission=commission, status=StaffingProposal.Status.ACCEPTED
    ).values_list("membership__person_id", flat=True)
    interviewers = InterviewPerson.objects.filter(
        interview__commission=commission, side=InterviewPerson.Side.INTERVIEWER, person__isnull=False
    ).values_list("person_id", flat=True)
    return set(accepted) | set(interviewers)


def my_commissions(*, person: User) -> dict[str, list]:
    """« Mes commandes »: assigned to me, proposed to me (waiting for my answer), and those I commissioned."""
    proposals = StaffingProposal.objects.filter(membership__person=person).select_related(
        "commission__lab", "membership"
    )
    return {
        "assigned": [p for p in proposals if p.status == StaffingProposal.Status.ACCEPTED],
        "proposed": [p for p in proposals if p.status == StaffingProposal.Status.PROPOSED],
        "commissioned": list(Commission.objects.filter(commissioner=person).select_related("lab")),
    }


def staffing_candidates(*, commission: Commission) -> list[Candidate]:
    """Every active member of the lab's networks (coordinators too) as a candidate: authorisation, time
    allowance, current load (days per month on confirmed commissions in progress) and ratings. Three
    queries, read as plain values (no model instances): :func:`memberships_by_pk` reads the few a page
    shows."""
    from django.utils import timezone

    today = timezone.localdate()
    rows = list(
        NetworkMembership.objects.filter(network__lab_id=commission.lab_id, status=NetworkMembership.Status.ACTIVE)
        .order_by("pk")
        .values_list(
            "pk",
            "person__display_name",
            "person__email",
            "person__erased_at",
            "department",
            "authorisation__status",
            "authorisation__valid_until",
            "authorisation__days_per_month",
        )
    )
    loads = dict(
        StaffingProposal.objects.filter(
            membership__network__lab_id=commission.lab_id,
            status=StaffingProposal.Status.ACCEPTED,
            commission__state__in=BUSY_STATES,
        )
        .exclude(commission=commission)
        .values("membership_id")
        .annotate(days=Sum("commission__days_per_month"))
        .values_list("membership_id", "days")
        .order_by()
    )
    ratings: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for membership_id, phase_id, competence, appetence in SkillRating.objects.filter(
        membership__network__lab_id=commission.lab_id, membership__status=NetworkMembership.Status.ACTIVE
    ).values_list("membership_id", "phase_id", "competence", "appetence"):
        ratings[membership_id][phase_id] = (competence, appetence)
    candidates = []
    for pk, display_name, email, erased_at, department, status, valid_until, days in rows:
        granted = status == Authorisation.Status.GRANTED and (valid_until is None or valid_until >= today)
        candidates.append(
            Candidate(
                key=pk,
                name="" if erased_at else (display_name or email),
                department=department,
                authorised=granted,
                allowance=days,
                load=loads.get(pk) or Decimal(0),
                ratings=ratings.get(pk, {}),
            )
        )
    return candidates


def memberships_by_pk(*, pks) -> dict[int, NetworkMembership]:
    return {m.pk: m for m in NetworkMembership.objects.filter(pk__in=list(pks)).select_related("person")}


def commissions_of_lab(*, lab: Lab) -> QuerySet[Commission]:
    return Commission.objects.filter(lab=lab)
