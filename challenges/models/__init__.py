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

__all__ = [
    "AuditEntry",
    "Challenge",
    "ChallengeAttachment",
    "ChallengeLink",
    "Edition",
    "PhaseContent",
    "QuestionReformulation",
    "Site",
    "TeamMembership",
    "Theme",
]
