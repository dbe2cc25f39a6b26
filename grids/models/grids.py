"""Criteria grids: five ordered steps of prioritised criteria, with a level scale and verdict rules.

A ``Grid`` row is one *version* of a grid. Versions of the same grid share a
``lineage``; exactly one of them is current. A version that has been used by an
assessment is never edited again: editing it creates the next version
(``grids.services.grids.grid_editable_version``), so old results keep
their meaning.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def default_levels() -> list[dict]:
    return [
        {"value": 0, "label": "pas encore"},
        {"value": 1, "label": "amorcé"},
        {"value": 2, "label": "en bonne voie"},
        {"value": 3, "label": "acquis"},
    ]


class Grid(models.Model):
    """One version of a criteria grid.

    A grid belongs to an organisation, or to a lab, or (neither) to the platform. Only staff change
    the platform's grids, among them the default one; facilitators duplicate a grid into their
    organisation and change their organisation's grids (``grids.rules``).
    """

    lineage = models.UUIDField(_("lineage"), default=uuid.uuid4, db_index=True, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    is_default = models.BooleanField(_("default grid"), default=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    levels = models.JSONField(
        _("level scale"),
        default=default_levels,
        help_text=_("Ordered levels from 0: a list of {value, label}."),
    )
    pass_level = models.PositiveSmallIntegerField(
        _("level required of mandatory criteria"),
        default=2,
        help_text=_("Every mandatory criterion must reach at least this level."),
    )
    step_threshold = models.PositiveSmallIntegerField(
        _("step threshold"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Every step must score at least this much (0–100)."),
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("duplicated from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "innovation.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lab = models.ForeignKey(
        "labs.Lab", verbose_name=_("owner lab"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "title", "-version"]
        verbose_name = _("criteria grid")
        verbose_name_plural = _("criteria grids")
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="grid_version_unique_in_lineage"),
            models.UniqueConstraint(
                fields=["lineage"], condition=models.Q(is_current=True), name="grid_one_current_version"
            ),
            models.CheckConstraint(condition=models.Q(step_threshold__lte=100), name="grid_threshold_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True) | models.Q(lab__isnull=True),
                name="grid_one_owner_at_most",
            ),
            models.CheckConstraint(
                condition=models.Q(is_default=False) | models.Q(organisation__isnull=True, lab__isnull=True),
                name="grid_default_belongs_to_platform",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_platform(self) -> bool:
        return self.organisation_id is None and self.lab_id is None

    @property
    def max_level(self) -> int:
        return max((int(level["value"]) for level in self.levels), default=0)

    @property
    def level_values(self) -> list[int]:
        return [int(level["value"]) for level in self.levels]

    def level_label(self, value: int | None) -> str:
        for level in self.levels:
            if int(level["value"]) == value:
                return str(level["label"])
        return ""


class GridStep(models.Model):
    grid = models.ForeignKey(Grid, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=250)
    purpose = models.TextField(_("purpose"), blank=True)
    guidance = models.TextField(_("guidance"), blank=True, help_text=_("What to rework when the step is weak."))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("grid step")
        verbose_name_plural = _("grid steps")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Criterion(models.Model):
    step = models.ForeignKey(GridStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("priority order"))
    text = models.CharField(_("criterion"), max_length=400)
    help = models.TextField(_("help"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    mandatory = models.BooleanField(_("mandatory"), default=False)
    revisit_note = models.TextField(
        _("to revisit"),
        blank=True,
        help_text=_("Carried from the trials of the previous version: what testers asked to revisit."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.CheckConstraint(condition=models.Q(weight__gte=1), name="criterion_weight_positive")]

    def __str__(self) -> str:
        return self.text
