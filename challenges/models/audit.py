"""Who changed what and when on a challenge: its fields, its team, its question."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change, written by a service in the same transaction as the change itself."""

    class Action(models.TextChoices):
        CREATED = "created", _("Challenge created")
        IMPORTED = "imported", _("Challenge imported")
        UPDATED = "updated", _("Challenge updated")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Back to draft")
        PHASE_MOVED = "phase_moved", _("Phase changed")
        PHASE_CONTENT_UPDATED = "phase_content_updated", _("Phase content updated")
        QUESTION_REFORMULATED = "question_reformulated", _("Question reformulated")
        MEMBER_ADDED = "member_added", _("Team member added")
        MEMBER_REMOVED = "member_removed", _("Team member removed")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        ATTACHMENT_REMOVED = "attachment_removed", _("Attachment removed")
        IDEA_CONFIRMED = "idea_confirmed", _("Retained idea confirmed")
        FROM_PROJECT = "from_project", _("Created from a project")

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True, help_text=_("Field → [before, after]."))
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["challenge", "-created_at"], name="audit_challenge_date")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.challenge_id}"
