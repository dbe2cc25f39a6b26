"""Workshops: the lab's list, one workshop with its people, notes, leads and next steps."""

from __future__ import annotations

from django.db.models import Count, Q

from innovation.models import User
from labs.models import Lab, NetworkMembership, NextStep, NoteSection, Resource, Workshop, WorkshopLead


def lab_workshops(*, lab: Lab) -> list[Workshop]:
    return list(
        Workshop.objects.filter(lab=lab)
        .select_related("session", "owner")
        .annotate(open_steps=Count("next_steps", filter=Q(next_steps__done_at__isnull=True)))
        .order_by("-created_at", "-id")
    )


def workshop_page(*, workshop: Workshop) -> dict:
    """The workshop's parts, each pointing back at ``workshop`` itself: the permission checks made for every
    next step then reuse the workshop (and its participants) instead of fetching them again."""
    page = {
        "participants": list(workshop.participants.select_related("person").order_by("name", "id")),
        "sections": list(NoteSection.objects.filter(workshop=workshop).select_related("updated_by")),
        "leads": list(WorkshopLead.objects.filter(workshop=workshop).select_related("resource")),
        "next_steps": list(NextStep.objects.filter(workshop=workshop).select_related("owner")),
    }
    for part in (*page["sections"], *page["leads"], *page["next_steps"]):
        part.workshop = workshop
    return page


def lab_people(*, lab: Lab):
    """The active members of the lab's networks: who can own a workshop, take part or take a next step."""
    return (
        User.objects.filter(
            network_memberships__network__lab=lab, network_memberships__status=NetworkMembership.Status.ACTIVE
        )
        .distinct()
        .order_by("display_name", "email")
    )


def lab_resources(*, lab: Lab):
    return Resource.objects.filter(lab=lab).order_by("kind", "title")
