"""What the labs app holds about a person, and what it erases when the person deletes their account.

In the download: their memberships (with an application's words and a commission they would bring),
charter acceptances, skills and appetences, interviews about them, participation authorisations,
onboarding steps, lab-session registrations, workshops they took part in and next steps they own,
the commissions they commissioned, were proposed for or were interviewed about.

Erased: what is only about them: memberships (with their skills, interviews, authorisation and its
signed file, onboarding progress), charter acceptances, session registrations, and the copy of their
name on the workshops they took part in, on the commissions they commissioned and on interviews.
Their contributions stay, pointing at their anonymised row:
notes sections they saved, next steps they owned, interviews they led, the audit trail of what they did.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction

from innovation.models import User
from innovation.privacy import personal_data_eraser_register, personal_data_register
from labs.models import (
    Authorisation,
    CharterAcceptance,
    Commission,
    InterviewPerson,
    NetworkMembership,
    NextStep,
    SessionRegistration,
    SkillInterview,
    SkillRating,
    StaffingProposal,
    StepCompletion,
    WorkshopParticipant,
)


def membership_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for membership in NetworkMembership.objects.filter(person=person).select_related("network__lab"):
        yield {
            "lab": membership.network.lab.name,
            "network": membership.network.name,
            "role": membership.role,
            "status": membership.status,
            "joined": membership.joined_at,
            "left": membership.left_at,
            "application_message": membership.application_message,
            "brings_commission": membership.brings_commission,
            "commission_idea": membership.commission_idea,
        }


def charter_acceptance_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for acceptance in CharterAcceptance.objects.filter(person=person).select_related("charter__network"):
        yield {
            "network": acceptance.charter.network.name,
            "charter_version": acceptance.charter.version,
            "accepted": acceptance.accepted_at,
        }


def skill_rows(*, person: User) -> Iterator[dict[str, Any]]:
    ratings = SkillRating.objects.filter(membership__person=person).select_related("membership__network", "phase")
    for rating in ratings.order_by("membership__network__name", "phase__position"):
        yield {
            "network": rating.membership.network.name,
            "phase": rating.phase.name,
            "competence": rating.competence,
            "appetence": rating.appetence,
            "comment": rating.comment,
        }


def interview_rows(*, person: User) -> Iterator[dict[str, Any]]:
    interviews = SkillInterview.objects.filter(membership__person=person).select_related("membership__network")
    for interview in interviews:
        yield {"network": interview.membership.network.name, "held_on": interview.held_on, "notes": interview.notes}


def authorisation_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for authorisation in Authorisation.objects.filter(membership__person=person).select_related("membership__network"):
        yield {
            "network": authorisation.membership.network.name,
            "manager_name": authorisation.manager_name,
            "manager_email": authorisation.manager_email,
            "status": authorisation.status,
            "requested_on": authorisation.requested_on,
            "valid_from": authorisation.valid_from,
            "valid_until": authorisation.valid_until,
            "days_per_month": str(authorisation.days_per_month) if authorisation.days_per_month is not None else None,
            "signed_file": authorisation.file_name,
        }


def onboarding_rows(*, person: User) -> Iterator[dict[str, Any]]:
    completions = StepCompletion.objects.filter(membership__person=person).select_related(
        "membership__network", "step__journey"
    )
    for completion in completions:
        yield {
            "network": completion.membership.network.name,
            "journey_version": completion.step.journey.version,
            "step": completion.step.title,
            "done": completion.done_at,
            "attested": completion.attested_at,
        }


def session_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for registration in SessionRegistration.objects.filter(person=person).select_related("session__lab"):
        yield {
            "lab": registration.session.lab.name,
            "session": registration.session.number,
            "title": registration.session.title,
            "registered": registration.registered_at,
            "attended": registration.attended,
        }


def workshop_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for participant in WorkshopParticipant.objects.filter(person=person).select_related("workshop__lab"):
        yield {"lab": participant.workshop.lab.name, "workshop": str(participant.workshop), "as": "participant"}
    for next_step in NextStep.objects.filter(owner=person).select_related("workshop"):
        yield {"workshop": str(next_step.workshop), "next_step": next_step.action, "due_on": next_step.due_on}


def commission_rows(*, person: User) -> Iterator[dict[str, Any]]:
    """The commissions they commissioned, were proposed for, or took part in the interview of (not the
    interview's content: it belongs to the commission's team)."""
    for commission in Commission.objects.filter(commissioner=person).select_related("lab"):
        yield {"lab": commission.lab.name, "commission": commission.title, "as": "commissioner",
               "department": commission.commissioner_department}  # fmt: skip
    for proposal in StaffingProposal.objects.filter(membership__person=person).select_related("commission__lab"):
        yield {"lab": proposal.commission.lab.name, "commission": proposal.commission.title, "as": "proposed",
               "status": proposal.status, "proposed": proposal.proposed_at,
               "answered": proposal.answered_at}  # fmt: skip
    for participant in InterviewPerson.objects.filter(person=person).select_related("interview__commission"):
        yield {"commission": participant.interview.commission.title, "as": participant.side, "role": participant.role}


def erase(*, person: User) -> None:
    files = list(
        Authorisation.objects.filter(membership__person=person).exclude(file="").values_list("file", flat=True)
    )
    CharterAcceptance.objects.filter(person=person).delete()
    SessionRegistration.objects.filter(person=person).delete()
    WorkshopParticipant.objects.filter(person=person).update(name="")
    Commission.objects.filter(commissioner=person).update(commissioner_name="")
    InterviewPerson.objects.filter(person=person).update(name="")
    NetworkMembership.objects.filter(person=person).delete()  # with skills, interviews, authorisation, progress
    # Files are not transactional: they go once the erasure is committed, never before.
    storage = Authorisation._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files])


def register() -> None:
    personal_data_register("network_memberships", membership_rows)
    personal_data_register("charter_acceptances", charter_acceptance_rows)
    personal_data_register("lab_skills", skill_rows)
    personal_data_register("lab_interviews", interview_rows)
    personal_data_register("lab_authorisations", authorisation_rows)
    personal_data_register("lab_onboarding", onboarding_rows)
    personal_data_register("lab_sessions", session_rows)
    personal_data_register("lab_workshops", workshop_rows)
    personal_data_register("lab_commissions", commission_rows)
    personal_data_eraser_register(erase)
