"""Assessments of a challenge against one grid version, and their answers (one per criterion)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assessment(models.Model):
    """A scoring of one challenge against one grid version by one person.

    The result (step scores, overall score, verdict) is computed by
    ``grids.services.scoring`` and stored on submission, so that lists and
    progress charts read it without recomputing.
    """

    class Kind(models.TextChoices):
        SELF = "self", _("Self-assessment")
        FACILITATOR = "facilitator", _("Facilitator review")
        PEER = "peer", _("Peer review")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Verdict(models.TextChoices):
        PUBLIC_ACTION = "public_action", _("Ready for public action")
        REWORK = "rework", _("To rework")

    challenge = models.ForeignKey(
        "challenges.Challenge",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
    )
    # Issue 15: a project assessed before it is a challenge. When it becomes one, its assessments keep the
    # project and get the challenge too: the owner's progress carries over.
    project = models.ForeignKey(
        "grids.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
    )
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("grid version"), on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SELF)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.CASCADE, related_name="assessments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    overall_score = models.FloatField(_("overall score"), null=True, blank=True)
    step_scores = models.JSONField(
        _("step scores"), default=list, blank=True, help_text=_("Stored on submission: [{position, title, score}].")
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["challenge", "status", "kind"], name="assessment_challenge_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="assessment_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(challenge__isnull=False) | models.Q(project__isnull=False),
                name="assessment_of_challenge_or_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.challenge_id or self.project_id} · {self.assessor_id}"

    @property
    def subject(self):
        """What is assessed: the challenge, or the project not yet a challenge (issue 15)."""
        return self.challenge if self.challenge_id is not None else self.project

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Answer(models.Model):
    """The answer to one criterion: a level of the grid's scale, or "not applicable", or "don't know yet"."""

    class Special(models.TextChoices):
        NONE = "", _("A level")
        NOT_APPLICABLE = "na", _("Not applicable")
        UNKNOWN = "unknown", _("I don't know yet")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(
        "grids.Criterion", verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="answers"
    )
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    special = models.CharField(_("other answer"), max_length=8, choices=Special.choices, blank=True, default="")
    justification = models.TextField(_("justification"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="answer_once_per_criterion"),
            models.CheckConstraint(
                condition=(models.Q(level__isnull=False, special="") | models.Q(level__isnull=True)),
                name="answer_level_or_special",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} · {self.criterion_id}: {self.level if self.level is not None else self.special}"

    @property
    def is_answered(self) -> bool:
        return self.level is not None or self.special != ""
