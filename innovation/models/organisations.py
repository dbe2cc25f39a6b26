from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("EPCI (intercommunality)")
        DEPARTEMENT = "departement", _("Département")
        REGION = "region", _("Région")
        STATE = "etat", _("State")
        CNFPT = "cnfpt", _("CNFPT")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    territory = models.CharField(
        _("territory"), max_length=200, blank=True, help_text=_("For example: Ille-et-Vilaine, Bretagne.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
