"""Trials of a grid version: tried on a site's challenges, each criterion voted relevant or to revisit.

A grid version is *on trial* until a trial of it concludes that it is validated (seed 000: « essayée
sur 8 des 15 défis », « Les critères ont été validés. Ils sont pertinents. »). The state is read
from the trials (``grids.selectors.grid_trial_state``): the grid's own table is left as it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GridTrial(models.Model):
    """One trial of a grid version on some challenges of a site, ended by a conclusion."""

    class Outcome(models.TextChoices):
        VALIDATED = "validated", pgettext_lazy("grid trial outcome", "Validated")
        TO_REVISE = "to_revise", _("To revise in a next version")

    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("grid version"), on_delete=models.PROTECT, related_name="trials"
    )
    site = models.ForeignKey(
        "challenges.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="grid_trials"
    )
    challenges = models.ManyToManyField(
        "challenges.Challenge", verbose_name=_("challenges tried on"), related_name="grid_trials"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("concluded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("grid trial")
        verbose_name_plural = _("grid trials")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(concluded_at__isnull=True, outcome="")
                | models.Q(concluded_at__isnull=False) & ~models.Q(outcome=""),
                name="trial_concluded_has_outcome",
            ),
            models.UniqueConstraint(
                fields=["grid"], condition=models.Q(concluded_at__isnull=True), name="trial_one_open_per_grid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grid} · {self.site_id}"

    @property
    def is_open(self) -> bool:
        return self.concluded_at is None


class TrialVote(models.Model):
    """A tester's vote on one criterion during a trial: relevant, or to revisit, with a comment."""

    class Verdict(models.TextChoices):
        RELEVANT = "relevant", _("Relevant")
        REVISIT = "revisit", _("To revisit")

    trial = models.ForeignKey(GridTrial, verbose_name=_("trial"), on_delete=models.CASCADE, related_name="votes")
    criterion = models.ForeignKey(
        "grids.Criterion", verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="trial_votes"
    )
    tester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tester"), on_delete=models.CASCADE, related_name="trial_votes"
    )
    verdict = models.CharField(_("vote"), max_length=10, choices=Verdict.choices)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("trial vote")
        verbose_name_plural = _("trial votes")
        constraints = [
            models.UniqueConstraint(fields=["trial", "criterion", "tester"], name="trial_vote_once_per_tester")
        ]

    def __str__(self) -> str:
        return f"{self.trial_id} · {self.criterion_id}: {self.verdict}"
