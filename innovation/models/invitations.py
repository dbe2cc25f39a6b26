from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """An invitation to join Défis, sent to a person who has no password yet.

    The link carries a signed, time-limited token of the invitation id (nothing
    secret is stored). Accepting it sets a password, verifies the e-mail address
    and lands the person on ``next_url``: what they were invited to.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    next_url = models.CharField(_("destination"), max_length=500, default="/")
    purpose = models.CharField(
        _("purpose"),
        max_length=300,
        blank=True,
        help_text=_("Its English source text, translated when shown, with the values of purpose_params."),
    )
    purpose_params = models.JSONField(_("purpose parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.person} ({self.purpose})"
