"""The new member's journey ("parcours nouvel ambassadeur"): versioned steps, marked done by each member,
attested by a coordinator when the step asks for it.

A new version copies nothing by hand: each step keeps a ``key`` across versions, and publishing carries
the members' progress over to the steps that keep their key.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation.models import User
from innovation.services.notifications import notification_create
from labs.models import (
    AuditEntry,
    Network,
    NetworkMembership,
    OnboardingJourney,
    OnboardingStep,
    Resource,
    StepCompletion,
)
from labs.services import kinds
from labs.services.audit import audit_record

Kind = OnboardingStep.Kind

# The journey a network starts from (seed 004: "tutos, MOOC, journées d'intégration", action-training,
# and a catch-up for those who "missed the beginning"). Title, kind, whether a coordinator attests it.
DEFAULT_STEPS = (
    (_("Read the values and accept the charter"), Kind.VALUES_CHARTER, False),
    (_("Follow the platform's tutorial"), Kind.TUTORIAL, False),
    (_("Follow the public-innovation MOOC"), Kind.MOOC, True),
    (_("Take part in an integration day"), Kind.INTEGRATION_DAY, True),
    (_("Join an action-training on a real commission"), Kind.ACTION_TRAINING, True),
    (_("Catch up on the past sessions"), Kind.CATCH_UP, False),
)


def journey_current(*, network: Network) -> OnboardingJourney | None:
    return OnboardingJourney.objects.filter(network=network).order_by("-version").first()


@dataclass(frozen=True)
class StepInput:
    title: str
    kind: str = Kind.OTHER
    description: str = ""
    link: str = ""
    resource: Resource | None = None
    requires_attestation: bool = False
    position: int = 0
    key: str = ""
    delete: bool = False


def default_steps() -> list[StepInput]:
    return [
        StepInput(title=gettext(str(title)), kind=kind, requires_attestation=attest, position=position)
        for position, (title, kind, attest) in enumerate(DEFAULT_STEPS, start=1)
    ]


@transaction.atomic
def journey_publish(
    *,
    network: Network,
    actor: User,
    title: str,
    steps: Sequence[StepInput],
    summary: str = "",
    base_version: int | None,
) -> OnboardingJourney:
    """Publish the next version of the journey; members keep their progress on the steps that stay."""
    network = Network.objects.select_for_update().select_related("lab").get(pk=network.pk)
    previous = journey_current(network=network)
    current_version = previous.version if previous else None
    if current_version != base_version:
        raise ValidationError(
            _("Version %(version)s of the journey was published while you were editing: reload the page."),
            code="stale",
            params={"version": current_version},
        )
    kept = [step for step in steps if not step.delete and step.title.strip()]
    errors: dict[str, list[ValidationError]] = {}
    if not title.strip():
        errors.setdefault("title", []).append(ValidationError(_("Give the journey a title."), code="required"))
    if not kept:
        errors.setdefault("__all__", []).append(ValidationError(_("A journey needs at least one step."), code="empty"))
    for step in kept:
        if step.kind not in Kind.values:
            errors.setdefault("__all__", []).append(ValidationError(_("Unknown kind of step."), code="kind"))
        if step.resource is not None and step.resource.lab_id != network.lab_id:
            errors.setdefault("__all__", []).append(
                ValidationError(_("Link a resource of this lab's library."), code="resource")
            )
    if errors:
        raise ValidationError(errors)
    journey = OnboardingJourney.objects.create(
        network=network,
        version=(current_version or 0) + 1,
        title=title.strip(),
        summary=summary.strip(),
        published_by=actor,
    )
    new_steps = OnboardingStep.objects.bulk_create(
        OnboardingStep(
            journey=journey,
            key=step.key or uuid.uuid4().hex[:12],
            position=position,
            kind=step.kind,
            title=step.title.strip(),
            description=step.description.strip(),
            link=step.link.strip(),
            resource=step.resource,
            requires_attestation=step.requires_attestation,
        )
        for position, step in enumerate(sorted(kept, key=lambda item: item.position), start=1)
    )
    if previous is not None:
        by_key = {step.key: step for step in new_steps}
        carried = [
            StepCompletion(
                membership_id=completion.membership_id,
                step=by_key[completion.step.key],
                done_at=completion.done_at,
                # A step that now asks for an attestation waits for one, even if done before.
                attested_at=completion.attested_at if by_key[completion.step.key].requires_attestation else None,
                attested_by_id=completion.attested_by_id if by_key[completion.step.key].requires_attestation else None,
            )
            for completion in StepCompletion.objects.filter(step__journey=previous).select_related("step")
            if completion.step.key in by_key
        ]
        StepCompletion.objects.bulk_create(carried)
    audit_record(
        lab=network.lab,
        network=network,
        actor=actor,
        action=AuditEntry.Action.JOURNEY_PUBLISHED,
        subject=journey.title,
        changes={
            "version": [current_version, journey.version],
            "steps": [
                [step.title for step in previous.steps.all()] if previous else None,
                [step.title for step in new_steps],
            ],
        },
    )
    return journey


def _membership_for(*, step: OnboardingStep, person: User) -> NetworkMembership:
    membership = NetworkMembership.objects.filter(
        network_id=step.journey.network_id, person=person, status=NetworkMembership.Status.ACTIVE
    ).first()
    if membership is None:
        raise ValidationError(_("Only the network's members follow its journey."), code="not_member")
    return membership


@transaction.atomic
def step_complete(*, step: OnboardingStep, person: User) -> StepCompletion:
    """The member marks a step of the current journey done (again: nothing changes)."""
    membership = _membership_for(step=step, person=person)
    current = journey_current(network=step.journey.network)
    if current is None or current.pk != step.journey_id:
        raise ValidationError(_("This step belongs to an older version of the journey."), code="old_version")
    completion, _created = StepCompletion.objects.get_or_create(
        membership=membership, step=step, defaults={"done_at": timezone.now()}
    )
    return completion


@transaction.atomic
def step_undo(*, step: OnboardingStep, person: User) -> None:
    """The member takes back a step they marked done by mistake; an attested step stays."""
    membership = _membership_for(step=step, person=person)
    completion = StepCompletion.objects.select_for_update().filter(membership=membership, step=step).first()
    if completion is None:
        return
    if completion.attested_at is not None:
        raise ValidationError(_("A coordinator attested this step: it stays done."), code="attested")
    completion.delete()


@transaction.atomic
def step_attest(*, completion: StepCompletion, actor: User) -> StepCompletion:
    """A coordinator attests a step a member marked done: the member is told, the audit keeps who did it."""
    completion = (
        StepCompletion.objects.select_for_update()
        .select_related("membership__network__lab", "membership__person", "step")
        .get(pk=completion.pk)
    )
    if completion.attested_at is not None:
        return completion
    if not completion.step.requires_attestation:
        raise ValidationError(_("This step needs no attestation."), code="not_needed")
    completion.attested_at = timezone.now()
    completion.attested_by = actor
    completion.save(update_fields=["attested_at", "attested_by"])
    membership = completion.membership
    audit_record(
        lab=membership.network.lab,
        network=membership.network,
        actor=actor,
        action=AuditEntry.Action.STEP_ATTESTED,
        subject=f"{membership.person} · {completion.step.title}",
    )
    notification_create(
        recipient=membership.person,
        kind=kinds.STEP_ATTESTED,
        event_key=f"labs-step-attested:{completion.pk}",
        context={
            "step": completion.step.title,
            "network": membership.network.name,
            "attested_by": str(actor),
            "url": settings.SITE_URL + reverse("labs:me"),
        },
    )
    return completion
