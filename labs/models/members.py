"""What a member brings and follows: skills and appetences, interviews, the participation authorisation,
and the onboarding journey ("parcours nouvel ambassadeur") with each member's progress."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

LEVEL_MAX = 3


class SkillRating(models.Model):
    """A member's own rating, 0 to 3, of their competence and their appetence for one method phase."""

    class Level(models.IntegerChoices):
        NONE = 0, _("0 – none")
        SOME = 1, _("1 – a little")
        GOOD = 2, _("2 – good")
        STRONG = 3, _("3 – strong")

    membership = models.ForeignKey(
        "labs.NetworkMembership", verbose_name=_("member"), on_delete=models.CASCADE, related_name="skills"
    )
    phase = models.ForeignKey(
        "labs.MethodPhase", verbose_name=_("method phase"), on_delete=models.CASCADE, related_name="ratings"
    )
    competence = models.PositiveSmallIntegerField(
        _("competence"), choices=Level.choices, default=0, validators=[MaxValueValidator(LEVEL_MAX)]
    )
    appetence = models.PositiveSmallIntegerField(
        _("appetence"), choices=Level.choices, default=0, validators=[MaxValueValidator(LEVEL_MAX)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("skill rating")
        verbose_name_plural = _("skill ratings")
        constraints = [
            models.UniqueConstraint(fields=["membership", "phase"], name="labs_rating_once_per_phase"),
            models.CheckConstraint(
                condition=models.Q(competence__lte=LEVEL_MAX, appetence__lte=LEVEL_MAX), name="labs_rating_levels"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phase}: {self.competence}/{self.appetence}"


class SkillInterview(models.Model):
    """The follow-up interview on a member's appetences and competences. Seen by the member and coordinators."""

    membership = models.ForeignKey(
        "labs.NetworkMembership", verbose_name=_("member"), on_delete=models.CASCADE, related_name="interviews"
    )
    held_on = models.DateField(_("held on"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), help_text=_("Markdown. Seen only by the member and the coordinators."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.membership_id} · {self.held_on}"


def authorisation_path(instance: Authorisation, filename: str) -> str:
    """An unguessable folder per file: the file is only ever served by a guarded view."""
    name = get_valid_filename(PurePath(filename).name) or "autorisation"
    return f"labs/authorisations/{uuid.uuid4().hex}/{name}"


class Authorisation(models.Model):
    """A member's participation authorisation: their manager legitimises the time given to the lab."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested from the manager")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired, to renew")

    membership = models.OneToOneField(
        "labs.NetworkMembership", verbose_name=_("member"), on_delete=models.CASCADE, related_name="authorisation"
    )
    manager_name = models.CharField(_("manager's name"), max_length=150)
    manager_email = models.EmailField(_("manager's e-mail address"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    days_per_month = models.DecimalField(
        _("time allowance (days per month)"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    file = models.FileField(_("signed authorisation"), upload_to=authorisation_path, blank=True, max_length=300)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["valid_until", "id"]
        verbose_name = _("participation authorisation")
        verbose_name_plural = _("participation authorisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="labs_authorisation_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} · {self.get_status_display()}"

    @property
    def file_name(self) -> str:
        return PurePath(self.file.name).name if self.file else ""


class OnboardingJourney(models.Model):
    """One published version of a network's journey for new members; a new version is a new row."""

    network = models.ForeignKey(
        "labs.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="journeys"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary of changes"), blank=True)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("onboarding journey")
        verbose_name_plural = _("onboarding journeys")
        constraints = [models.UniqueConstraint(fields=["network", "version"], name="labs_journey_version_unique")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class OnboardingStep(models.Model):
    """A step of a journey version. ``key`` stays the same across versions, so progress carries over."""

    class Kind(models.TextChoices):
        VALUES_CHARTER = "values_charter", _("Values and charter")
        TUTORIAL = "tutorial", _("Tutorial")
        MOOC = "mooc", _("MOOC")
        INTEGRATION_DAY = "integration_day", _("Integration day")
        ACTION_TRAINING = "action_training", _("Action-training")
        CATCH_UP = "catch_up", _("Catch-up on past sessions")
        OTHER = "other", _("Other")

    journey = models.ForeignKey(
        OnboardingJourney, verbose_name=_("journey"), on_delete=models.CASCADE, related_name="steps"
    )
    key = models.CharField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), blank=True, max_length=500)
    resource = models.ForeignKey(
        "labs.Resource",
        verbose_name=_("resource"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onboarding_steps",
    )
    requires_attestation = models.BooleanField(
        _("a coordinator attests it"), default=False, help_text=_("The step counts once a coordinator attests it.")
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("onboarding step")
        verbose_name_plural = _("onboarding steps")
        constraints = [models.UniqueConstraint(fields=["journey", "key"], name="labs_step_key_unique_in_journey")]

    def __str__(self) -> str:
        return self.title


class StepCompletion(models.Model):
    """A member marked a step done; a coordinator attests it when the step asks for it."""

    membership = models.ForeignKey(
        "labs.NetworkMembership", verbose_name=_("member"), on_delete=models.CASCADE, related_name="completions"
    )
    step = models.ForeignKey(
        OnboardingStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="completions"
    )
    done_at = models.DateTimeField(_("done"))
    attested_at = models.DateTimeField(_("attested"), null=True, blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["done_at", "id"]
        verbose_name = _("step completion")
        verbose_name_plural = _("step completions")
        constraints = [models.UniqueConstraint(fields=["membership", "step"], name="labs_step_done_once")]

    def __str__(self) -> str:
        return f"{self.membership_id} · {self.step_id}"
