from labs.models.commissions import (
    Commission,
    CommissionSession,
    GridQuestion,
    IntakeGrid,
    Interview,
    InterviewPerson,
    InterviewSketch,
    Reformulation,
    ReformulationReview,
    StaffingProposal,
)
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
    "Commission",
    "CommissionSession",
    "CoordinationDuty",
    "GridQuestion",
    "IntakeGrid",
    "Interview",
    "InterviewPerson",
    "InterviewSketch",
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
    "Reformulation",
    "ReformulationReview",
    "Resource",
    "SessionRegistration",
    "SkillInterview",
    "SkillRating",
    "StaffingProposal",
    "StepCompletion",
    "Workshop",
    "WorkshopLead",
    "WorkshopParticipant",
]
