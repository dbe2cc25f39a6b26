"""Workshops: their question and people, notes saved section by section, the synthesis, leads, next steps.

Notes are saved one section at a time with the revision the note-taker started from. When someone else
saved the same section in between, nothing is overwritten: :class:`NoteConflict` carries both texts,
and the note-taker decides (their text stays in their form).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation.models import Notification, User
from innovation.services.notifications import notification_create
from labs.models import (
    Lab,
    LabSession,
    NetworkMembership,
    NextStep,
    NoteSection,
    Resource,
    Workshop,
    WorkshopLead,
    WorkshopParticipant,
)
from labs.services import kinds

# Seed 003 keeps its notes under « Éléments importants de la discussion ».
DEFAULT_SECTION = _("Key points of the discussion")


def workshop_url(*, workshop: Workshop) -> str:
    return settings.SITE_URL + reverse("labs:workshop_detail", args=[workshop.pk])


def _lab_people(lab: Lab):
    return User.objects.filter(
        network_memberships__network__lab=lab, network_memberships__status=NetworkMembership.Status.ACTIVE
    ).distinct()


def _workshop_validate(
    *, lab: Lab, session: LabSession | None, venue: str, series: str, name: str, question: str, owner, owner_name
) -> None:
    errors: dict[str, ValidationError] = {}
    if session is not None and session.lab_id != lab.pk:
        errors["session"] = ValidationError(_("Choose a session of this lab."), code="session")
    if session is None and not venue.strip():
        errors["venue"] = ValidationError(
            _("Choose the lab session, or say where the workshop took place."), code="session_or_venue"
        )
    for field, value, message in (
        ("series", series, _("Give the series, for example “Atelier 2”.")),
        ("name", name, _("Name the workshop, for example “Emergence”.")),
        ("question", question, _("Write the workshop's question.")),
    ):
        if not value.strip():
            errors[field] = ValidationError(message, code="required")
    if owner is not None and owner_name.strip():
        errors["owner_name"] = ValidationError(
            _("Choose the owner among the members, or type a guest's name, not both."), code="both"
        )
    if errors:
        raise ValidationError(errors)


def _participants_set(*, workshop: Workshop, people: Iterable[User], guests: Sequence[str]) -> None:
    workshop.participants.all().delete()
    names = []
    for guest in guests:
        guest = guest.strip()
        if guest and guest.casefold() not in {name.casefold() for name in names}:
            names.append(guest)
    WorkshopParticipant.objects.bulk_create(
        [WorkshopParticipant(workshop=workshop, person=person, name=str(person)) for person in people]
        + [WorkshopParticipant(workshop=workshop, name=name[:200]) for name in names]
    )
    workshop.__dict__.pop("_participant_ids", None)


@transaction.atomic
def workshop_create(
    *,
    lab: Lab,
    actor: User,
    series: str,
    name: str,
    question: str,
    session: LabSession | None = None,
    venue: str = "",
    owner: User | None = None,
    owner_name: str = "",
    people: Iterable[User] = (),
    guests: Sequence[str] = (),
) -> Workshop:
    _workshop_validate(
        lab=lab, session=session, venue=venue, series=series, name=name, question=question, owner=owner,
        owner_name=owner_name,
    )  # fmt: skip
    workshop = Workshop.objects.create(
        lab=lab,
        session=session,
        venue=venue.strip() if session is None else "",
        series=series.strip(),
        name=name.strip(),
        question=question.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
    )
    _participants_set(workshop=workshop, people=people, guests=guests)
    NoteSection.objects.create(workshop=workshop, title=gettext(str(DEFAULT_SECTION)), position=1)
    return workshop


@transaction.atomic
def workshop_update(
    *,
    workshop: Workshop,
    actor: User,
    series: str,
    name: str,
    question: str,
    session: LabSession | None = None,
    venue: str = "",
    owner: User | None = None,
    owner_name: str = "",
    people: Iterable[User] = (),
    guests: Sequence[str] = (),
) -> Workshop:
    _workshop_validate(
        lab=workshop.lab, session=session, venue=venue, series=series, name=name, question=question, owner=owner,
        owner_name=owner_name,
    )  # fmt: skip
    workshop.session = session
    workshop.venue = venue.strip() if session is None else ""
    workshop.series, workshop.name, workshop.question = series.strip(), name.strip(), question.strip()
    workshop.owner, workshop.owner_name = owner, owner_name.strip()
    workshop.save()
    _participants_set(workshop=workshop, people=people, guests=guests)
    return workshop


# --- Notes ---------------------------------------------------------------------------------------


class NoteConflict(Exception):
    """Someone saved this section since the note-taker loaded it; nothing was overwritten."""

    def __init__(self, section: NoteSection) -> None:
        super().__init__(f"section {section.pk} is at revision {section.revision}")
        self.section = section


@transaction.atomic
def note_section_add(*, workshop: Workshop, actor: User, title: str) -> NoteSection:
    title = title.strip()
    if not title:
        raise ValidationError({"title": ValidationError(_("Name the new section."), code="required")})
    last = workshop.note_sections.order_by("-position").values_list("position", flat=True).first() or 0
    return NoteSection.objects.create(workshop=workshop, title=title[:200], position=last + 1, updated_by=actor)


@transaction.atomic
def note_section_save(*, section: NoteSection, actor: User, text: str, base_revision: int) -> NoteSection:
    """Save one section's notes if nobody saved it since ``base_revision``; otherwise raise
    :class:`NoteConflict` and change nothing."""
    section = NoteSection.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=section.pk)
    if section.revision != base_revision:
        raise NoteConflict(section)
    if section.text == text:
        return section
    section.text = text
    section.revision += 1
    section.updated_by = actor
    section.save(update_fields=["text", "revision", "updated_by", "updated_at"])
    return section


# --- Synthesis -----------------------------------------------------------------------------------


@transaction.atomic
def workshop_synthesis_update(
    *, workshop: Workshop, actor: User, proposal: str, audience: str, stakes: str, success_conditions: str
) -> Workshop:
    workshop.proposal = proposal.strip()
    workshop.audience = audience.strip()
    workshop.stakes = stakes.strip()
    workshop.success_conditions = success_conditions.strip()
    workshop.save(update_fields=["proposal", "audience", "stakes", "success_conditions"])
    return workshop


@transaction.atomic
def workshop_synthesis_publish(*, workshop: Workshop, actor: User) -> Workshop:
    """Publish the synthesis and tell the participants and the owner who use Défis (once)."""
    workshop = Workshop.objects.select_for_update().select_related("lab").get(pk=workshop.pk)
    if workshop.synthesis_published_at is not None:
        return workshop
    if not workshop.proposal.strip():
        raise ValidationError(
            {"proposal": ValidationError(_("Write the proposal before publishing the synthesis."), code="required")}
        )
    workshop.synthesis_published_at = timezone.now()
    workshop.save(update_fields=["synthesis_published_at"])
    recipients = User.objects.filter(is_active=True, pk__in=_workshop_people_ids(workshop)).exclude(pk=actor.pk)
    for person in recipients:
        notification_create(
            recipient=person,
            kind=kinds.WORKSHOP_SYNTHESIS,
            event_key=f"labs-workshop-synthesis:{workshop.pk}",
            context={
                "workshop": str(workshop),
                "lab": workshop.lab.name,
                "proposal": workshop.proposal[:600],
                "url": workshop_url(workshop=workshop),
            },
        )
    return workshop


def _workshop_people_ids(workshop: Workshop) -> set[int]:
    ids = set(workshop.participants.exclude(person=None).values_list("person_id", flat=True))
    if workshop.owner_id:
        ids.add(workshop.owner_id)
    return ids


# --- Leads and next steps ------------------------------------------------------------------------------


@transaction.atomic
def lead_add(
    *, workshop: Workshop, actor: User, kind: str, text: str, url: str = "", resource: Resource | None = None
) -> WorkshopLead:
    errors: dict[str, ValidationError] = {}
    if kind not in WorkshopLead.Kind.values:
        errors["kind"] = ValidationError(_("Choose the kind of lead."), code="invalid")
    if not text.strip():
        errors["text"] = ValidationError(_("Describe the lead."), code="required")
    if resource is not None and resource.lab_id != workshop.lab_id:
        errors["resource"] = ValidationError(_("Choose a resource of this lab's library."), code="resource")
    if errors:
        raise ValidationError(errors)
    return WorkshopLead.objects.create(
        workshop=workshop, kind=kind, text=text.strip(), url=url.strip(), resource=resource
    )


def lead_delete(*, lead: WorkshopLead, actor: User) -> None:
    lead.delete()


@transaction.atomic
def next_step_add(
    *,
    workshop: Workshop,
    actor: User,
    action: str,
    owner: User | None = None,
    owner_name: str = "",
    due_on: datetime.date | None = None,
) -> NextStep:
    errors: dict[str, ValidationError] = {}
    if not action.strip():
        errors["action"] = ValidationError(_("Say what is to be done."), code="required")
    if owner is None and not owner_name.strip():
        errors["owner"] = ValidationError(_("Who takes it on? Choose a person or type a name."), code="required")
    if owner is not None and owner_name.strip():
        errors["owner_name"] = ValidationError(_("Choose a person or type a name, not both."), code="both")
    if due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = ValidationError(_("The due date is in the past."), code="past")
    if errors:
        raise ValidationError(errors)
    return NextStep.objects.create(
        workshop=workshop, action=action.strip(), owner=owner, owner_name=owner_name.strip(), due_on=due_on
    )


@transaction.atomic
def next_step_toggle(*, next_step: NextStep, actor: User) -> NextStep:
    next_step.done_at = None if next_step.done_at else timezone.now()
    next_step.save(update_fields=["done_at"])
    return next_step


@transaction.atomic
def next_step_reminders_send(*, today: datetime.date) -> int:
    """Remind each owner of an open next step due tomorrow or already late, once per due date."""
    written = 0
    due = NextStep.objects.select_related("workshop__lab", "owner").filter(
        done_at__isnull=True,
        owner__isnull=False,
        owner__is_active=True,
        due_on__isnull=False,
        due_on__lte=today + datetime.timedelta(days=1),
    )
    for next_step in due:
        event_key = f"labs-next-step-due:{next_step.pk}:{next_step.due_on.isoformat()}"
        if Notification.objects.filter(
            kind=kinds.NEXT_STEP_DUE.key, event_key=event_key, recipient=next_step.owner
        ).exists():
            continue
        notification_create(
            recipient=next_step.owner,
            kind=kinds.NEXT_STEP_DUE,
            event_key=event_key,
            context={
                "action": next_step.action,
                "workshop": str(next_step.workshop),
                "due_on": next_step.due_on.isoformat(),
                "url": workshop_url(workshop=next_step.workshop),
            },
        )
        written += 1
    return written
