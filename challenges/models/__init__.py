from challenges.models.audit import AuditEntry
from challenges.models.challenges import (
    Challenge,
    ChallengeAttachment,
    ChallengeLink,
    PhaseContent,
    QuestionReformulation,
    TeamMembership,
)
from challenges.models.events import Edition, Site, SiteProgrammeItem, Theme
from challenges.models.ideas import Idea

__all__ = [
    "AuditEntry",
    "Challenge",
    "ChallengeAttachment",
    "ChallengeLink",
    "Edition",
    "Idea",
    "PhaseContent",
    "QuestionReformulation",
    "Site",
    "SiteProgrammeItem",
    "TeamMembership",
    "Theme",
]
