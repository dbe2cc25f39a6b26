"""Editions (a summer university), their sites and themes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    """E.g. the 3rd summer university of territorial public innovation, 9-11 July 2018."""

    title = models.CharField(_("title"), max_length=250)
    organiser = models.ForeignKey(
        "innovation.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, blank=True, default="")  # rendered when saved

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="edition_dates_order"),
        ]

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "title", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["edition", "title"], name="theme_title_unique_in_edition")]

    def __str__(self) -> str:
        return self.title


class Site(models.Model):
    """A place of an edition (Rennes, Cluny...), run by its facilitators."""

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sites")
    place = models.CharField(_("place"), max_length=150)
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitators"), blank=True, related_name="facilitated_sites"
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True, help_text=_("About how many people took part.")
    )

    class Meta:
        ordering = ["place", "id"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [models.UniqueConstraint(fields=["edition", "place"], name="site_place_unique_in_edition")]

    def __str__(self) -> str:
        return f"{self.place} ({self.edition})"


class SiteProgrammeItem(models.Model):
    """One moment of a site's programme: an introductory talk, the collective feedback, a mini-talk, the exhibition."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Introductory talk")
        FEEDBACK = "feedback", _("Collective feedback")
        MINI_TALK = "mini_talk", _("Mini-talk")
        EXHIBITION = "exhibition", _("Exhibition")

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="programme")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return self.title
