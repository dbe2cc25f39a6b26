"""A project assessed before it is a challenge (issue 15).

Seed 000: the grid also serves projects that are not challenges yet; « chaque étape peut cependant être
accompagnée et retravaillée avec le porteur de projet », and some of those owners become challenge owners.
A project belongs to an organisation and is owned by one person, who self-assesses it with a grid. A
facilitator later turns it into a challenge of a site (``grids.services.projects.project_to_challenge``):
the project then points to that challenge, and its assessments (with their plans) belong to it too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Project(models.Model):
    organisation = models.ForeignKey(
        "innovation.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("project owner"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    challenge = models.OneToOneField(
        "challenges.Challenge",
        verbose_name=_("became the challenge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="origin_project",
    )
    became_challenge_at = models.DateTimeField(_("became a challenge"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    @property
    def is_challenge(self) -> bool:
        return self.challenge_id is not None
