"""A lab, its coordination function and the method phases its members are rated on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Lab(models.Model):
    """A public-innovation lab of a collectivity (la Transfo Occitanie, le Lab' PACA...)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        "innovation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labs",
    )
    territory = models.CharField(_("territory"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lab")
        verbose_name_plural = _("labs")

    def __str__(self) -> str:
        return self.name


class CoordinationDuty(models.Model):
    """One duty of the lab's coordination function, and who holds it (seed 002: organisation,
    communication, capitalisation, mobilisation)."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        COMMUNICATION = "communication", _("Communication")
        CAPITALISATION = "capitalisation", _("Capitalisation")
        MOBILISATION = "mobilisation", _("Mobilisation")

    lab = models.ForeignKey(Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="duties")
    kind = models.CharField(_("duty"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("what it covers"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("coordination duty")
        verbose_name_plural = _("coordination duties")
        constraints = [models.UniqueConstraint(fields=["lab", "kind"], name="labs_duty_once_per_lab")]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class MethodPhase(models.Model):
    """A phase of the lab's method, on which members rate their competence and appetence."""

    lab = models.ForeignKey(Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("method phase")
        verbose_name_plural = _("method phases")
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="labs_phase_name_unique_in_lab")]

    def __str__(self) -> str:
        return self.name
