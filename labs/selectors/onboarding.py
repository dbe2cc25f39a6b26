"""The onboarding journey: its current version, each member's progress, the coordinators' attestation queue."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from innovation.models import User
from labs.models import (
    LabSession,
    Network,
    NetworkMembership,
    OnboardingJourney,
    OnboardingStep,
    StepCompletion,
)


def journey_current(*, network: Network) -> OnboardingJourney | None:
    return OnboardingJourney.objects.filter(network=network).order_by("-version").first()


def journey_steps(*, journey: OnboardingJourney | None) -> list[OnboardingStep]:
    if journey is None:
        return []
    return list(journey.steps.select_related("resource", "journey__network"))


def completion_counts(completion: StepCompletion) -> bool:
    """A step counts once done, and attested if it asks for it."""
    return not completion.step.requires_attestation or completion.attested_at is not None


@dataclass
class StepState:
    step: OnboardingStep
    completion: StepCompletion | None

    @property
    def done(self) -> bool:
        return self.completion is not None

    @property
    def waiting(self) -> bool:
        return self.done and self.step.requires_attestation and self.completion.attested_at is None

    @property
    def complete(self) -> bool:
        return self.done and not self.waiting


@dataclass
class Progress:
    steps: list[StepState] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> int:
        return sum(state.complete for state in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 0


def progress_for(*, steps: list[OnboardingStep], completions: list[StepCompletion]) -> Progress:
    by_step = {completion.step_id: completion for completion in completions}
    return Progress(steps=[StepState(step=step, completion=by_step.get(step.pk)) for step in steps])


def network_progress(*, network: Network) -> tuple[OnboardingJourney | None, list[OnboardingStep], dict[int, Progress]]:
    """The current journey, its steps and every active member's progress, keyed by membership id."""
    journey = journey_current(network=network)
    steps = journey_steps(journey=journey)
    completions: dict[int, list[StepCompletion]] = {}
    if journey is not None:
        for completion in StepCompletion.objects.filter(
            step__journey=journey, membership__status=NetworkMembership.Status.ACTIVE
        ).select_related("step"):
            completions.setdefault(completion.membership_id, []).append(completion)
    member_ids = NetworkMembership.objects.filter(network=network, status=NetworkMembership.Status.ACTIVE).values_list(
        "pk", flat=True
    )
    return (
        journey,
        steps,
        {member_id: progress_for(steps=steps, completions=completions.get(member_id, [])) for member_id in member_ids},
    )


def attestation_queue(*, network: Network) -> QuerySet[StepCompletion]:
    """Steps of the current journey that active members marked done and that wait for a coordinator."""
    journey = journey_current(network=network)
    if journey is None:
        return StepCompletion.objects.none()
    return (
        StepCompletion.objects.filter(
            step__journey=journey,
            step__requires_attestation=True,
            attested_at__isnull=True,
            membership__status=NetworkMembership.Status.ACTIVE,
        )
        .select_related("step", "membership__person", "membership__network__lab")
        .order_by("done_at", "id")
    )


def person_membership(*, network: Network, person: User) -> NetworkMembership | None:
    if not person.is_authenticated:
        return None
    return NetworkMembership.objects.filter(
        network=network, person=person, status=NetworkMembership.Status.ACTIVE
    ).first()


def catch_up_sessions(*, lab_id: int, today) -> list[LabSession]:
    """Past sessions with their syntheses, newest first: for those who "missed the beginning"."""
    return list(LabSession.objects.filter(lab_id=lab_id, ends_on__lt=today).order_by("-starts_on", "-number")[:12])
