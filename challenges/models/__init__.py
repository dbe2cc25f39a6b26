from challenges.models.assessments import Answer, Assessment
from challenges.models.audit import AuditEntry
from challenges.models.challenges import (
    Challenge,
    ChallengeAttachment,
    ChallengeLink,
    PhaseContent,
    QuestionReformulation,
    TeamMembership,
)
from challenges.models.events import Edition, Site, Theme
from challenges.models.grids import Criterion, Grid, GridStep

__all__ = [
    "Answer",
    "Assessment",
    "AuditEntry",
    "Challenge",
    "ChallengeAttachment",
    "ChallengeLink",
    "Criterion",
    "Edition",
    "Grid",
    "GridStep",
    "PhaseContent",
    "QuestionReformulation",
    "Site",
    "TeamMembership",
    "Theme",
]
