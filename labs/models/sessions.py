"""Lab sessions (« Session #11 », Toulouse, 26–27 March): agenda, registrations and attendance, synthesis."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LabSession(models.Model):
    lab = models.ForeignKey("labs.Lab", verbose_name=_("lab"), on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    synthesis = models.TextField(_("synthesis"), blank=True, help_text=_("Markdown."))
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    next_meeting = models.CharField(
        _("next meeting: what"), max_length=300, blank=True, help_text=_("For example: the Transfo + days.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-number"]
        verbose_name = _("lab session")
        verbose_name_plural = _("lab sessions")
        constraints = [
            models.UniqueConstraint(fields=["lab", "number"], name="labs_session_number_unique_in_lab"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="labs_session_days"),
        ]

    def __str__(self) -> str:
        return f"Session #{self.number} – {self.title}"

    @property
    def days(self) -> list:
        from datetime import timedelta

        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + timedelta(days=offset) for offset in range(count)]


class AgendaItem(models.Model):
    """One slot of a session's agenda. Slots of the same day never overlap (the service refuses it)."""

    class Kind(models.TextChoices):
        SEQUENCE = "sequence", _("Sequence")
        ICE_BREAKER = "ice_breaker", _("Ice-breaker")
        TALK = "talk", _("Talk")
        WORKSHOP = "workshop", _("Workshop")
        DEBRIEF = "debrief", _("Debrief")

    session = models.ForeignKey(
        LabSession, verbose_name=_("lab session"), on_delete=models.CASCADE, related_name="agenda"
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SEQUENCE)
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["day", "starts_at", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="labs_agenda_times")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.starts_at:%H:%M}–{self.ends_at:%H:%M} {self.title}"


class SessionRegistration(models.Model):
    """A person registered to a session; after it, whether they attended (None: not recorded yet)."""

    session = models.ForeignKey(
        LabSession, verbose_name=_("lab session"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="lab_sessions"
    )
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["registered_at", "id"]
        verbose_name = _("session registration")
        verbose_name_plural = _("session registrations")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="labs_registration_once")]

    def __str__(self) -> str:
        return f"{self.person} → {self.session}"
