"""The key ideas of a challenge's ideation phase: ordered items the team retains and the owner confirms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Idea(models.Model):
    """One key idea ("idée phare") of the ideation phase.

    The team marks the retained ones; the owner then confirms the one that matches the
    commissioner's expectation (``confirmed_at``): at most one confirmed idea per challenge.
    """

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="ideas"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    retained = models.BooleanField(_("retained by the team"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed by the owner"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge"], condition=models.Q(confirmed_at__isnull=False), name="idea_one_confirmed"
            ),
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True) | models.Q(retained=True),
                name="idea_confirmed_is_retained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"
