"""« Moi et le lab' »: one person's skills, authorisation, onboarding, sessions and workshops, for every
network they belong to, in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from innovation.models import User
from labs.models import (
    Charter,
    CharterAcceptance,
    LabSession,
    MethodPhase,
    NetworkMembership,
    NextStep,
    OnboardingJourney,
    OnboardingStep,
    SessionRegistration,
    SkillRating,
    StepCompletion,
    Workshop,
)
from labs.selectors.onboarding import Progress, progress_for


@dataclass
class MyNetwork:
    membership: NetworkMembership
    phases: list[MethodPhase] = field(default_factory=list)
    ratings: dict[int, SkillRating] = field(default_factory=dict)
    charter: Charter | None = None
    charter_accepted: bool = False
    journey: OnboardingJourney | None = None
    progress: Progress = field(default_factory=Progress)

    @property
    def authorisation(self):
        return getattr(self.membership, "authorisation", None)

    @property
    def skill_rows(self) -> list[tuple[MethodPhase, SkillRating | None]]:
        return [(phase, self.ratings.get(phase.pk)) for phase in self.phases]


def _latest_by(rows, key) -> dict:
    latest: dict = {}
    for row in rows:
        if key(row) not in latest or latest[key(row)].version < row.version:
            latest[key(row)] = row
    return latest


def me_overview(*, person: User, today: datetime.date) -> dict:
    memberships = list(
        NetworkMembership.objects.filter(person=person, status=NetworkMembership.Status.ACTIVE)
        .select_related("network__lab", "authorisation")
        .order_by("network__lab__name", "network__name")
    )
    network_ids = [membership.network_id for membership in memberships]
    lab_ids = {membership.network.lab_id for membership in memberships}
    phases: dict[int, list[MethodPhase]] = {}
    for phase in MethodPhase.objects.filter(lab_id__in=lab_ids):
        phases.setdefault(phase.lab_id, []).append(phase)
    ratings: dict[int, dict[int, SkillRating]] = {}
    for rating in SkillRating.objects.filter(membership__in=memberships):
        ratings.setdefault(rating.membership_id, {})[rating.phase_id] = rating
    charters = _latest_by(Charter.objects.filter(network_id__in=network_ids), key=lambda charter: charter.network_id)
    accepted = set(
        CharterAcceptance.objects.filter(person=person, charter__in=charters.values()).values_list(
            "charter_id", flat=True
        )
    )
    journeys = _latest_by(
        OnboardingJourney.objects.filter(network_id__in=network_ids), key=lambda journey: journey.network_id
    )
    steps: dict[int, list[OnboardingStep]] = {}
    for step in OnboardingStep.objects.filter(journey__in=journeys.values()).select_related(
        "resource", "journey__network"
    ):
        steps.setdefault(step.journey_id, []).append(step)
    completions: dict[int, list[StepCompletion]] = {}
    for completion in StepCompletion.objects.filter(membership__in=memberships, step__journey__in=journeys.values()):
        completions.setdefault(completion.membership_id, []).append(completion)
    networks = []
    for membership in memberships:
        charter = charters.get(membership.network_id)
        journey = journeys.get(membership.network_id)
        networks.append(
            MyNetwork(
                membership=membership,
                phases=phases.get(membership.network.lab_id, []),
                ratings=ratings.get(membership.pk, {}),
                charter=charter,
                charter_accepted=charter is not None and charter.pk in accepted,
                journey=journey,
                progress=progress_for(
                    steps=steps.get(journey.pk, []) if journey else [], completions=completions.get(membership.pk, [])
                ),
            )
        )
    registrations = {
        registration.session_id: registration
        for registration in SessionRegistration.objects.filter(person=person, session__lab_id__in=lab_ids)
    }
    upcoming = list(
        LabSession.objects.filter(lab_id__in=lab_ids, ends_on__gte=today)
        .select_related("lab")
        .order_by("starts_on", "number")[:6]
    )
    attended = list(
        LabSession.objects.filter(registrations__person=person, registrations__attended=True)
        .select_related("lab")
        .order_by("-starts_on")[:6]
    )
    past = list(
        LabSession.objects.filter(lab_id__in=lab_ids, ends_on__lt=today)
        .exclude(synthesis="")
        .select_related("lab")
        .order_by("-starts_on", "-number")[:6]
    )
    workshops = list(
        Workshop.objects.filter(Q(owner=person) | Q(participants__person=person))
        .select_related("lab", "session")
        .distinct()
        .order_by("-created_at")[:10]
    )
    next_steps = list(
        NextStep.objects.filter(owner=person, done_at__isnull=True).select_related("workshop").order_by("due_on", "id")
    )
    return {
        "networks": networks,
        "upcoming": [(session, registrations.get(session.pk)) for session in upcoming],
        "attended": attended,
        "catch_up": past,
        "workshops": workshops,
        "next_steps": next_steps,
    }
