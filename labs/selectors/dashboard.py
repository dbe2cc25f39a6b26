"""The coordinator's dashboard: each network's health, the upcoming sessions, the workshops with open next
steps. Every figure is computed for all the lab's networks at once: the number of queries does not grow
with the members, the sessions or the workshops."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Min, Q

from labs.models import (
    Authorisation,
    CharterAcceptance,
    Lab,
    LabSession,
    Network,
    NetworkMembership,
    OnboardingJourney,
    OnboardingStep,
    StepCompletion,
    Workshop,
)
from labs.services.authorisations import EXPIRY_NOTICE_DAYS

ACTIVE = NetworkMembership.Status.ACTIVE


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass
class NetworkHealth:
    network: Network
    members: int = 0
    applications: int = 0
    charter_version: int | None = None
    charter_accepted: int = 0
    steps: int = 0
    onboarded: int = 0
    onboarding: int = 0
    onboarding_percent: int = 0
    waiting_attestations: int = 0
    authorised: int = 0
    expiring: list[Authorisation] = field(default_factory=list)

    @property
    def charter_percent(self) -> int:
        return _percent(self.charter_accepted, self.members)

    @property
    def not_accepted(self) -> int:
        return self.members - self.charter_accepted if self.charter_version else 0

    @property
    def missing_authorisations(self) -> int:
        return self.members - self.authorised


def lab_dashboard(*, lab: Lab, today: datetime.date) -> dict:
    networks = list(Network.objects.filter(lab=lab).annotate(charter_version=Max("charters__version")))
    health = {
        network.pk: NetworkHealth(network=network, charter_version=network.charter_version) for network in networks
    }

    for row in (
        NetworkMembership.objects.filter(network__lab=lab)
        .values("network_id")
        .annotate(
            active=Count("pk", filter=Q(status=ACTIVE)),
            applied=Count("pk", filter=Q(status=NetworkMembership.Status.APPLIED)),
        )
        .order_by()
    ):
        health[row["network_id"]].members = row["active"]
        health[row["network_id"]].applications = row["applied"]

    # Acceptances by active members, per network and version; the current version's count is the one shown.
    accepted = (
        CharterAcceptance.objects.filter(
            charter__network__lab=lab,
            person__network_memberships__network=F("charter__network"),
            person__network_memberships__status=ACTIVE,
        )
        .values("charter__network_id", "charter__version")
        .annotate(count=Count("person", distinct=True))
        .order_by()
    )
    for row in accepted:
        item = health[row["charter__network_id"]]
        if row["charter__version"] == item.charter_version:
            item.charter_accepted = row["count"]

    # The current journey of each network, its steps, and every active member's complete steps.
    current = {}
    for journey_id, network_id, version in OnboardingJourney.objects.filter(network__lab=lab).values_list(
        "pk", "network_id", "version"
    ):
        if network_id not in current or current[network_id][1] < version:
            current[network_id] = (journey_id, version)
    journey_network = {journey_id: network_id for network_id, (journey_id, _version) in current.items()}
    for row in (
        OnboardingStep.objects.filter(journey_id__in=journey_network)
        .values("journey_id")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        health[journey_network[row["journey_id"]]].steps = row["count"]
    complete_steps: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        StepCompletion.objects.filter(step__journey_id__in=journey_network, membership__status=ACTIVE)
        .values("membership_id", "step__journey_id")
        .annotate(
            complete=Count("pk", filter=Q(step__requires_attestation=False) | Q(attested_at__isnull=False)),
            waiting=Count("pk", filter=Q(step__requires_attestation=True, attested_at__isnull=True)),
        )
        .order_by()
    ):
        network_id = journey_network[row["step__journey_id"]]
        complete_steps[network_id][row["membership_id"]] = row["complete"]
        health[network_id].waiting_attestations += row["waiting"]
    for network_id, item in health.items():
        done = complete_steps.get(network_id, {})
        item.onboarded = sum(1 for count in done.values() if item.steps and count >= item.steps)
        item.onboarding = sum(1 for count in done.values() if 0 < count < item.steps)
        item.onboarding_percent = _percent(sum(done.values()), item.steps * item.members)

    soon = today + datetime.timedelta(days=EXPIRY_NOTICE_DAYS)
    for authorisation in (
        Authorisation.objects.filter(
            membership__network__lab=lab, membership__status=ACTIVE, status=Authorisation.Status.GRANTED
        )
        .select_related("membership__person")
        .order_by("valid_until", "id")
    ):
        item = health[authorisation.membership.network_id]
        item.authorised += 1
        if authorisation.valid_until and authorisation.valid_until <= soon:
            item.expiring.append(authorisation)

    sessions = list(
        LabSession.objects.filter(lab=lab, ends_on__gte=today)
        .annotate(registered=Count("registrations", filter=Q(registrations__registered_at__isnull=False)))
        .order_by("starts_on", "number")[:5]
    )
    workshops = list(
        Workshop.objects.filter(lab=lab)
        .annotate(
            open_steps=Count("next_steps", filter=Q(next_steps__done_at__isnull=True)),
            late_steps=Count("next_steps", filter=Q(next_steps__done_at__isnull=True, next_steps__due_on__lt=today)),
            next_due=Min("next_steps__due_on", filter=Q(next_steps__done_at__isnull=True)),
        )
        .filter(open_steps__gt=0)
        .select_related("session")
        .order_by(F("next_due").asc(nulls_last=True), "series", "name")[:10]
    )
    return {"networks": [health[network.pk] for network in networks], "sessions": sessions, "workshops": workshops}
