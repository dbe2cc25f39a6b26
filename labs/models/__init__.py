from labs.models.labs import CoordinationDuty, Lab, MethodPhase
from labs.models.members import (
    Authorisation,
    OnboardingJourney,
    OnboardingStep,
    SkillInterview,
    SkillRating,
    StepCompletion,
)
from labs.models.networks import AuditEntry, Charter, CharterAcceptance, Network, NetworkMembership, NetworkValue
from labs.models.resources import Resource
from labs.models.sessions import AgendaItem, LabSession, SessionRegistration
from labs.models.workshops import NextStep, NoteSection, Workshop, WorkshopLead, WorkshopParticipant

__all__ = [
    "AgendaItem",
    "AuditEntry",
    "Authorisation",
    "Charter",
    "CharterAcceptance",
    "CoordinationDuty",
    "Lab",
    "LabSession",
    "MethodPhase",
    "Network",
    "NetworkMembership",
    "NetworkValue",
    "NextStep",
    "NoteSection",
    "OnboardingJourney",
    "OnboardingStep",
    "Resource",
    "SessionRegistration",
    "SkillInterview",
    "SkillRating",
    "StepCompletion",
    "Workshop",
    "WorkshopLead",
    "WorkshopParticipant",
]
