"""Workshops (seed 003): a question, notes taken by section, a synthesis, leads and next steps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Workshop(models.Model):
    """A working group of a lab session, or of another gathering named in ``venue``."""

    lab = models.ForeignKey("labs.Lab", verbose_name=_("lab"), on_delete=models.CASCADE, related_name="workshops")
    # A session with workshops is not deleted alone (its workshops would lose where they took place);
    # deleting the whole lab takes both.
    session = models.ForeignKey(
        "labs.LabSession",
        verbose_name=_("lab session"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="workshops",
    )
    venue = models.CharField(
        _("site or event"),
        max_length=200,
        blank=True,
        help_text=_("When the workshop is not part of a lab session: where it took place."),
    )
    series = models.CharField(_("series"), max_length=80, help_text=_("For example: Atelier 2."))
    name = models.CharField(_("name"), max_length=200, help_text=_("For example: Emergence."))
    question = models.TextField(_("question"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_name = models.CharField(
        _("owner (guest)"), max_length=200, blank=True, help_text=_("When the owner does not use Défis.")
    )
    proposal = models.TextField(_("proposal"), blank=True, help_text=_("Markdown."))
    audience = models.TextField(_("who it is for"), blank=True, help_text=_("Markdown."))
    stakes = models.TextField(_("stakes"), blank=True, help_text=_("Markdown."))
    success_conditions = models.TextField(_("conditions of success"), blank=True, help_text=_("Markdown."))
    synthesis_published_at = models.DateTimeField(_("synthesis published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["series", "name", "id"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(session__isnull=False) | ~models.Q(venue=""), name="labs_workshop_session_or_venue"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} – {self.name}"

    @property
    def owner_label(self) -> str:
        return str(self.owner) if self.owner_id else self.owner_name


class WorkshopParticipant(models.Model):
    """A participant: a person of Défis, or a guest's name as typed."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "person"], condition=models.Q(person__isnull=False), name="labs_participant_once"
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(name=""), name="labs_participant_named"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.name


class NoteSection(models.Model):
    """A section of the discussion notes, saved on its own: two note-takers on two sections never collide,
    and ``revision`` tells a note-taker when someone else saved the same section in between."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="note_sections"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("notes"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("notes section")
        verbose_name_plural = _("notes sections")

    def __str__(self) -> str:
        return self.title


class WorkshopLead(models.Model):
    """Something to follow up: an experience to look at, a resource, a contact, a next meeting."""

    class Kind(models.TextChoices):
        EXPERIENCE = "experience", _("Experience to look at")
        RESOURCE = "resource", _("Resource")
        CONTACT = "contact", _("Contact")
        MEETING = "meeting", _("Next meeting")

    workshop = models.ForeignKey(Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="leads")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("lead"), max_length=500)
    url = models.URLField(_("link"), blank=True, max_length=500)
    resource = models.ForeignKey(
        "labs.Resource",
        verbose_name=_("resource of the library"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_leads",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self) -> str:
        return self.text


class NextStep(models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="next_steps"
    )
    action = models.CharField(_("next step"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lab_next_steps",
    )
    owner_name = models.CharField(_("owner (guest)"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")

    def __str__(self) -> str:
        return self.action

    @property
    def owner_label(self) -> str:
        return str(self.owner) if self.owner_id else self.owner_name
