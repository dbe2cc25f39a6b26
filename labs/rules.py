"""Who may do what in labs and their networks: named predicates, used by views, templates and tests.

Roles are held in networks (``NetworkMembership``, active ones only). A *lab coordinator* is an active
coordinator of one of the lab's networks: they manage that lab and everything in it, and nothing in
another lab. Members read their network and take part in their lab's sessions and workshops.

CNFPT staff run editions; they are not members of the labs' networks. They may create a lab and its
first network, and read what a lab does (networks, skills, sessions, workshops, the audit trail, the
reports), but they change nothing inside a network: they accept no charter, attest no step, and never
see interview notes or authorisation files, which are for the member and the coordinators only.
"""

from __future__ import annotations

from operator import attrgetter

import rules

from labs.models import (
    AgendaItem,
    Charter,
    Commission,
    InterviewSketch,
    Lab,
    LabSession,
    MethodPhase,
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

is_staff = rules.is_staff
is_authenticated = rules.is_authenticated

# How to reach the lab, or the network, of each object a permission is asked about.
_LAB_OF = {
    Lab: attrgetter("pk"),
    Network: attrgetter("lab_id"),
    NetworkMembership: attrgetter("network.lab_id"),
    Charter: attrgetter("network.lab_id"),
    OnboardingStep: attrgetter("journey.network.lab_id"),
    StepCompletion: attrgetter("membership.network.lab_id"),
    MethodPhase: attrgetter("lab_id"),
    LabSession: attrgetter("lab_id"),
    AgendaItem: attrgetter("session.lab_id"),
    Workshop: attrgetter("lab_id"),
    NoteSection: attrgetter("workshop.lab_id"),
    WorkshopLead: attrgetter("workshop.lab_id"),
    NextStep: attrgetter("workshop.lab_id"),
    Resource: attrgetter("lab_id"),
    Commission: attrgetter("lab_id"),
    StaffingProposal: attrgetter("commission.lab_id"),
    InterviewSketch: attrgetter("interview.commission.lab_id"),
}
_NETWORK_OF = {
    Network: attrgetter("pk"),
    NetworkMembership: attrgetter("network_id"),
    Charter: attrgetter("network_id"),
    OnboardingStep: attrgetter("journey.network_id"),
    StepCompletion: attrgetter("membership.network_id"),
}
_WORKSHOP_OF = {
    Workshop: lambda workshop: workshop,
    NoteSection: attrgetter("workshop"),
    WorkshopLead: attrgetter("workshop"),
    NextStep: attrgetter("workshop"),
}


def _lab_id(obj) -> int | None:
    getter = _LAB_OF.get(type(obj))
    return getter(obj) if getter else None


def _network_id(obj) -> int | None:
    getter = _NETWORK_OF.get(type(obj))
    return getter(obj) if getter else None


def user_memberships(user) -> list[tuple[int, int, str]]:
    """The person's active memberships as (network id, lab id, role), read once per user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_labs_memberships", None)
    if cached is None:
        cached = list(
            NetworkMembership.objects.filter(person=user, status=NetworkMembership.Status.ACTIVE).values_list(
                "network_id", "network__lab_id", "role"
            )
        )
        user._labs_memberships = cached
    return cached


@rules.predicate
def is_lab_coordinator(user, obj) -> bool:
    lab_id = _lab_id(obj)
    return lab_id is not None and any(
        lab == lab_id and role == NetworkMembership.Role.COORDINATOR for _network, lab, role in user_memberships(user)
    )


@rules.predicate
def is_lab_member(user, obj) -> bool:
    lab_id = _lab_id(obj)
    return lab_id is not None and any(lab == lab_id for _network, lab, _role in user_memberships(user))


@rules.predicate
def is_network_member(user, obj) -> bool:
    network_id = _network_id(obj)
    return network_id is not None and any(network == network_id for network, _lab, _role in user_memberships(user))


@rules.predicate
def is_the_member(user, membership: NetworkMembership) -> bool:
    """The membership is the person's own."""
    return isinstance(membership, NetworkMembership) and user.is_authenticated and membership.person_id == user.pk


@rules.predicate
def is_active_membership(user, membership: NetworkMembership) -> bool:
    return isinstance(membership, NetworkMembership) and membership.is_active


@rules.predicate
def is_open_network(user, network: Network) -> bool:
    return isinstance(network, Network) and network.is_open


@rules.predicate
def has_no_place_in_network(user, network: Network) -> bool:
    """Neither a member nor a pending applicant (one who left or was declined may apply again)."""
    if not isinstance(network, Network) or not user.is_authenticated:
        return False
    return not NetworkMembership.objects.filter(
        network=network,
        person=user,
        status__in=[NetworkMembership.Status.ACTIVE, NetworkMembership.Status.APPLIED],
    ).exists()


@rules.predicate
def is_last_coordinator(user, network: Network) -> bool:
    """The person coordinates this network alone: they appoint another coordinator before leaving."""
    if not isinstance(network, Network) or not any(
        network_id == network.pk and role == NetworkMembership.Role.COORDINATOR
        for network_id, _lab, role in user_memberships(user)
    ):
        return False
    return (
        NetworkMembership.objects.filter(
            network=network, status=NetworkMembership.Status.ACTIVE, role=NetworkMembership.Role.COORDINATOR
        ).count()
        <= 1
    )


@rules.predicate
def is_workshop_owner(user, obj) -> bool:
    getter = _WORKSHOP_OF.get(type(obj))
    return getter is not None and user.is_authenticated and getter(obj).owner_id == user.pk


@rules.predicate
def is_workshop_participant(user, obj) -> bool:
    getter = _WORKSHOP_OF.get(type(obj))
    if getter is None or not user.is_authenticated:
        return False
    workshop = getter(obj)
    cached = workshop.__dict__.get("_participant_ids")
    if cached is None:
        cached = set(workshop.participants.exclude(person=None).values_list("person_id", flat=True))
        workshop.__dict__["_participant_ids"] = cached
    return user.pk in cached


@rules.predicate
def is_next_step_owner(user, next_step: NextStep) -> bool:
    return isinstance(next_step, NextStep) and user.is_authenticated and next_step.owner_id == user.pk


_COMMISSION_OF = {
    Commission: lambda commission: commission,
    StaffingProposal: attrgetter("commission"),
    InterviewSketch: attrgetter("interview.commission"),
}


@rules.predicate
def is_commissioner(user, obj) -> bool:
    getter = _COMMISSION_OF.get(type(obj))
    return getter is not None and user.is_authenticated and getter(obj).commissioner_id == user.pk


@rules.predicate
def is_commission_team(user, obj) -> bool:
    """On the commission's team: a member who accepted to staff it, or one of its interviewers."""
    getter = _COMMISSION_OF.get(type(obj))
    if getter is None or not user.is_authenticated:
        return False
    commission = getter(obj)
    cached = commission.__dict__.get("_team_ids")
    if cached is None:
        from labs.selectors.commissions import commission_team_person_ids

        cached = commission_team_person_ids(commission=commission)
        commission.__dict__["_team_ids"] = cached
    return user.pk in cached


@rules.predicate
def is_grid_checker(user, commission: Commission) -> bool:
    """Asked to check the commission's current grid, which is not checked yet."""
    if not isinstance(commission, Commission) or not user.is_authenticated:
        return False
    grid = commission.grids.order_by("-version").first()
    return grid is not None and grid.checked_at is None and grid.submitted_to_id == user.pk


@rules.predicate
def is_proposed_member(user, proposal: StaffingProposal) -> bool:
    return isinstance(proposal, StaffingProposal) and user.is_authenticated and proposal.membership.person_id == user.pk


# Labs: their public page and feed, the coordinators' pages.
rules.add_perm("labs.view_lab", rules.always_allow)
rules.add_perm("labs.add_lab", is_staff)
rules.add_perm("labs.change_lab", is_lab_coordinator)
rules.add_perm("labs.view_dashboard", is_lab_coordinator | is_staff)
rules.add_perm("labs.manage_phases", is_lab_coordinator)
rules.add_perm("labs.view_me", is_authenticated)

# Networks, members, values and charter.
rules.add_perm("labs.add_network", is_lab_coordinator | is_staff)
rules.add_perm("labs.view_network", is_network_member | is_lab_coordinator | is_staff)
rules.add_perm("labs.change_network", is_lab_coordinator)
rules.add_perm("labs.manage_members", is_lab_coordinator)
rules.add_perm("labs.apply_network", is_authenticated & is_open_network & has_no_place_in_network)
rules.add_perm("labs.leave_network", is_network_member & ~is_last_coordinator)
rules.add_perm("labs.change_values", is_lab_coordinator)
rules.add_perm("labs.publish_charter", is_lab_coordinator)
# Only a member accepts a charter, for themselves: neither staff nor a coordinator of another network.
rules.add_perm("labs.accept_charter", is_network_member)
rules.add_perm("labs.view_audit", is_lab_coordinator | is_staff)
rules.add_perm("labs.export_network", is_lab_coordinator | is_staff)

# A member's skills, interviews and authorisation (objects: memberships).
rules.add_perm("labs.view_skills", is_network_member | is_lab_coordinator | is_staff)
rules.add_perm("labs.change_skills", is_the_member & is_active_membership)
rules.add_perm("labs.view_interviews", is_the_member | is_lab_coordinator)
rules.add_perm("labs.record_interview", is_lab_coordinator & is_active_membership)
rules.add_perm("labs.view_authorisation", is_the_member | is_lab_coordinator)
rules.add_perm("labs.change_authorisation", (is_the_member | is_lab_coordinator) & is_active_membership)

# Onboarding: the journey (object: network), a member's step, the attestations (object: a completion).
rules.add_perm("labs.view_onboarding", is_network_member | is_lab_coordinator | is_staff)
rules.add_perm("labs.change_onboarding", is_lab_coordinator)
rules.add_perm("labs.complete_step", is_network_member)
rules.add_perm("labs.attest_step", is_lab_coordinator)

# Lab sessions (objects: lab or session).
rules.add_perm("labs.view_sessions", is_lab_member | is_staff)
rules.add_perm("labs.manage_sessions", is_lab_coordinator)
rules.add_perm("labs.register_session", is_lab_member)
rules.add_perm("labs.export_session", is_lab_coordinator | is_staff)

# Workshops (objects: lab, workshop, or a part of a workshop).
runs_workshop = is_workshop_owner | is_lab_coordinator
rules.add_perm("labs.add_workshop", is_lab_coordinator)
rules.add_perm("labs.view_workshop", is_lab_member | is_workshop_participant | is_workshop_owner | is_staff)
rules.add_perm("labs.change_workshop", runs_workshop)
rules.add_perm("labs.take_notes", runs_workshop | is_workshop_participant)
rules.add_perm("labs.complete_next_step", runs_workshop | is_next_step_owner)

# The library (objects: lab or resource).
rules.add_perm("labs.view_resources", is_lab_member | is_staff)
rules.add_perm("labs.manage_resources", is_lab_coordinator)

# Commissions (objects: lab, commission, staffing proposal, sketch). The interview is confidential: the
# commission's team and the lab's coordinators only; neither the commissioner, other members, nor staff.
rules.add_perm("labs.view_commissions", is_lab_member | is_staff)
rules.add_perm("labs.propose_commission", is_lab_member)
rules.add_perm("labs.view_commission", is_lab_member | is_commissioner | is_staff)
rules.add_perm("labs.manage_commission", is_lab_coordinator)
rules.add_perm("labs.check_grid", is_grid_checker)
rules.add_perm("labs.view_interview", is_lab_coordinator | is_commission_team)
rules.add_perm("labs.review_reformulation", is_commissioner)
rules.add_perm("labs.answer_proposal", is_proposed_member)
rules.add_perm("labs.export_commissions", is_lab_coordinator | is_staff)
