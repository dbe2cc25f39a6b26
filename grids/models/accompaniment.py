"""Accompaniment after « à retravailler »: a plan of actions, one per weak step, until the next assessment.

Seed 000: "each step can still be accompanied and reworked with the owner", in a continuous-improvement
loop. A plan starts from a submitted assessment whose verdict is "to rework"; each action comes prefilled
from the step's rework advice, and has who, a due date and a state.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccompanimentPlan(models.Model):
    assessment = models.OneToOneField(
        "grids.Assessment",
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="accompaniment_plan",
        help_text=_("The assessment whose verdict was “to rework”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("accompaniment plan")
        verbose_name_plural = _("accompaniment plans")

    def __str__(self) -> str:
        return f"{self.assessment_id}"


class AccompanimentAction(models.Model):
    class State(models.TextChoices):
        PENDING = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")

    plan = models.ForeignKey(
        AccompanimentPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    step_position = models.PositiveSmallIntegerField(_("step"))
    step_title = models.CharField(_("step title"), max_length=250)
    text = models.TextField(_("action"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accompaniment_actions",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["step_position", "id"]
        verbose_name = _("accompaniment action")
        verbose_name_plural = _("accompaniment actions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "step_position"], name="accompaniment_action_once_per_step"),
            models.CheckConstraint(
                condition=~models.Q(state="done") | models.Q(done_at__isnull=False), name="accompaniment_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step_position}. {self.text[:40]}"
