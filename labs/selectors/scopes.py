"""What a person may know about. A view finds its object in one of these querysets; anything outside
answers 404, so the existence of another lab's network, member or workshop is never revealed.

Whether the person may then *do* something with the object is for ``labs/rules.py`` to answer (403).
An anonymous visitor knows of nothing but the labs' public pages; the guard sends them to sign in.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from innovation.models import User
from labs.models import (
    AgendaItem,
    Commission,
    InterviewSketch,
    Lab,
    LabSession,
    Network,
    NetworkMembership,
    NextStep,
    NoteSection,
    OnboardingStep,
    Resource,
    StaffingProposal,
    StepCompletion,
    Workshop,
    WorkshopLead,
)

ACTIVE = NetworkMembership.Status.ACTIVE


def _active_memberships(user: User) -> QuerySet[NetworkMembership]:
    return NetworkMembership.objects.filter(person=user, status=ACTIVE)


def _member_lab_ids(user: User):
    return _active_memberships(user).values("network__lab_id")


def _coordinated_lab_ids(user: User):
    return _active_memberships(user).filter(role=NetworkMembership.Role.COORDINATOR).values("network__lab_id")


def labs_all(*, user: User) -> QuerySet[Lab]:
    """Every lab: a lab's page is public (its networks, coordination and upcoming sessions)."""
    return Lab.objects.select_related("organisation")


def labs_known_to(*, user: User) -> QuerySet[Lab]:
    """The labs whose inner pages (sessions, workshops, library) the person may know about."""
    if not user.is_authenticated:
        return Lab.objects.none()
    if user.is_staff:
        return Lab.objects.all()
    return Lab.objects.filter(pk__in=_member_lab_ids(user))


def networks_known_to(*, user: User) -> QuerySet[Network]:
    """The networks one belongs to, and every network of the labs one coordinates (all, for staff)."""
    networks = Network.objects.select_related("lab")
    if not user.is_authenticated:
        return networks.none()
    if user.is_staff:
        return networks
    return networks.filter(
        Q(pk__in=_active_memberships(user).values("network_id")) | Q(lab_id__in=_coordinated_lab_ids(user))
    )


def networks_open_or_known_to(*, user: User) -> QuerySet[Network]:
    """What a volunteer may apply to: the open networks (shown on the labs' public pages) and their own."""
    if not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.select_related("lab").filter(
        Q(is_open=True) | Q(pk__in=networks_known_to(user=user).values("pk"))
    )


def memberships_known_to(*, user: User) -> QuerySet[NetworkMembership]:
    """The memberships of the networks one knows about, and one's own (even after leaving)."""
    memberships = NetworkMembership.objects.select_related("network__lab", "person")
    if not user.is_authenticated:
        return memberships.none()
    return memberships.filter(Q(network__in=networks_known_to(user=user)) | Q(person=user))


def completions_known_to(*, user: User) -> QuerySet[StepCompletion]:
    return StepCompletion.objects.select_related("membership__network__lab", "membership__person", "step").filter(
        membership__network__in=networks_known_to(user=user)
    )


def sessions_known_to(*, user: User) -> QuerySet[LabSession]:
    return LabSession.objects.select_related("lab").filter(lab__in=labs_known_to(user=user))


def agenda_items_known_to(*, user: User) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("session__lab").filter(session__in=sessions_known_to(user=user))


def workshops_known_to(*, user: User) -> QuerySet[Workshop]:
    """The workshops of one's labs, and those one owns or took part in as a guest of another lab."""
    workshops = Workshop.objects.select_related("lab", "session", "owner")
    if not user.is_authenticated:
        return workshops.none()
    return workshops.filter(
        Q(lab__in=labs_known_to(user=user)) | Q(owner=user) | Q(participants__person=user)
    ).distinct()


def note_sections_known_to(*, user: User) -> QuerySet[NoteSection]:
    return NoteSection.objects.select_related("workshop__lab").filter(
        workshop__in=workshops_known_to(user=user).values("pk")
    )


def leads_known_to(*, user: User) -> QuerySet[WorkshopLead]:
    return WorkshopLead.objects.select_related("workshop").filter(
        workshop__in=workshops_known_to(user=user).values("pk")
    )


def next_steps_known_to(*, user: User) -> QuerySet[NextStep]:
    return NextStep.objects.select_related("workshop").filter(workshop__in=workshops_known_to(user=user).values("pk"))


def resources_known_to(*, user: User) -> QuerySet[Resource]:
    return Resource.objects.select_related("lab").filter(lab__in=labs_known_to(user=user))


def steps_known_to(*, user: User) -> QuerySet[OnboardingStep]:
    return OnboardingStep.objects.select_related("journey__network__lab").filter(
        journey__network__in=networks_known_to(user=user)
    )


def commissions_known_to(*, user: User) -> QuerySet[Commission]:
    """The commissions of one's labs (all, for staff), and those one commissioned."""
    commissions = Commission.objects.select_related("lab", "commissioner")
    if not user.is_authenticated:
        return commissions.none()
    return commissions.filter(Q(lab__in=labs_known_to(user=user)) | Q(commissioner=user))


def proposals_known_to(*, user: User) -> QuerySet[StaffingProposal]:
    return StaffingProposal.objects.select_related("commission__lab", "membership").filter(
        commission__lab__in=labs_known_to(user=user)
    )


def sketches_known_to(*, user: User) -> QuerySet[InterviewSketch]:
    return InterviewSketch.objects.select_related("interview__commission__lab").filter(
        interview__commission__in=commissions_known_to(user=user).values("pk")
    )
