"""Test sessions: the prototype exhibition of a site, its stands, the testers' feedback and each team's debrief.

- A :class:`FeedbackForm` row is one *version* of a feedback form, like a criteria grid: versions of one
  form share a ``lineage`` and once a version has collected feedback it is never edited again, so a
  feedback always keeps the meaning of the questions it answered.
- A :class:`TestSession` belongs to a site and goes draft → open → closed.
- A :class:`Stand` shows one challenge's prototype in a session; its unguessable ``token`` makes its short
  URL and QR code.
- A :class:`Feedback` is one tester's visit of one stand: a signed-in person or an anonymous browser
  (its ``browser_key``), at most one per stand, editable while the session is open.
- A :class:`Debrief` is what a team concluded from its test: validated or to rework, numbered conclusions.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class FeedbackForm(models.Model):
    """One version of a feedback form (the questions every stand of a session asks)."""

    lineage = models.UUIDField(_("lineage"), default=uuid.uuid4, db_index=True, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    is_default = models.BooleanField(_("default form"), default=False)
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "title", "-version"]
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="feedback_form_version_unique"),
            models.UniqueConstraint(
                fields=["lineage"], condition=models.Q(is_current=True), name="feedback_form_one_current_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class FeedbackQuestion(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale")
        CHOICE = "choice", _("Choice")
        TEXT = "text", _("Short text")

    form = models.ForeignKey(FeedbackForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("key"), max_length=40, help_text=_("Names the answer in the stored feedback."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    help = models.CharField(_("help"), max_length=300, blank=True)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For a choice: a list of {value, label}.")
    )
    scale_max = models.PositiveSmallIntegerField(_("highest value of the scale"), default=5)
    scale_low_label = models.CharField(_("label of the lowest value"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("label of the highest value"), max_length=60, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="feedback_question_key_unique"),
            models.CheckConstraint(condition=models.Q(scale_max__gte=2), name="feedback_question_scale_of_two"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_values(self) -> list[int]:
        return list(range(1, self.scale_max + 1))

    def choice_label(self, value: str) -> str:
        for choice in self.choices:
            if choice["value"] == value:
                return str(choice["label"])
        return value


class TestSession(models.Model):
    """An exhibition of a site's prototypes, walked through by testers."""

    __test__ = False  # not a test case, whatever pytest thinks of the name

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open to testers")
        CLOSED = "closed", _("Closed")

    site = models.ForeignKey(
        "challenges.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="test_sessions"
    )
    title = models.CharField(_("title"), max_length=200, default="Exposition des prototypes")
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("The room or the hall."))
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    form = models.ForeignKey(
        FeedbackForm, verbose_name=_("feedback form"), on_delete=models.PROTECT, related_name="sessions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Also moved by every write that changes a stand's report (services.sessions.session_reports_changed):
    # the challenge pages cache the reports under it.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("test session")
        verbose_name_plural = _("test sessions")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="test_session_dates"),
        ]
        indexes = [models.Index(fields=["state", "starts_at"], name="test_session_state_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED


def team_label(number: int) -> str:
    """A challenge's team or stand as a session names it, « Défi 3 », in the active language (« Challenge 3 »)."""
    return gettext("Challenge %(number)s") % {"number": number}


class Stand(models.Model):
    """One challenge's prototype on show in a session."""

    session = models.ForeignKey(TestSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="stands")
    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="stands"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("The challenge's number."))
    location = models.CharField(_("location in the room"), max_length=120, blank=True)
    prototype = models.TextField(_("the prototype in a few lines"), blank=True, max_length=1200)
    questions = models.TextField(
        _("the team's questions"), blank=True, max_length=1200, help_text=_("One question per line.")
    )
    token = models.CharField(_("token"), max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        constraints = [models.UniqueConstraint(fields=["session", "challenge"], name="stand_once_per_challenge")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """« Défi 3 », as the poster prints it, in the language of whoever reads it (« Challenge 3 » in English)."""
        return team_label(self.position)

    @property
    def team_questions(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class Profile(models.TextChoices):
    """Who a tester is, when they say so."""

    PARTICIPANT = "participant", _("Participant of another team")
    USER = "user", _("Service user")
    AGENT = "agent", _("Public agent")
    ELECTED = "elected", _("Elected official")
    OTHER = "other", _("Other")


class Feedback(models.Model):
    """One tester's visit of one stand, with their answers."""

    Profile = Profile

    stand = models.ForeignKey(Stand, verbose_name=_("stand"), on_delete=models.CASCADE, related_name="feedback")
    tester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tester"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="test_feedback",
    )
    browser_key = models.CharField(_("browser key"), max_length=64, blank=True)
    visiting_challenge = models.ForeignKey(
        "challenges.Challenge",
        verbose_name=_("visiting team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="test_visits",
        help_text=_("The tester's own team on the site, when they have one."),
    )
    profile = models.CharField(_("profile"), max_length=12, choices=Profile.choices, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True, help_text=_("By question key."))
    team_answers = models.JSONField(
        _("answers to the team's questions"), default=list, blank=True, help_text=_("A list of {question, answer}.")
    )
    hidden = models.BooleanField(_("hidden by a facilitator"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("hidden by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["stand", "tester"], condition=models.Q(tester__isnull=False), name="feedback_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["stand", "browser_key"],
                condition=models.Q(tester__isnull=True),
                name="feedback_once_per_browser",
            ),
            models.CheckConstraint(
                condition=models.Q(tester__isnull=False) | ~models.Q(browser_key=""), name="feedback_has_a_tester"
            ),
        ]
        indexes = [models.Index(fields=["stand", "hidden"], name="feedback_stand_visible")]

    def __str__(self) -> str:
        return f"{self.stand} · {self.created_at:%Y-%m-%d %H:%M}"


class Debrief(models.Model):
    """What a team concluded from its test in a session."""

    class Outcome(models.TextChoices):
        VALIDATED = "validated", _("Validated")
        TO_REWORK = "to_rework", _("To rework")

    session = models.ForeignKey(
        TestSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="debriefs"
    )
    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="test_debriefs"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    conclusions = models.JSONField(_("conclusions"), default=list, help_text=_("Numbered, in order."))
    learnings_block = models.TextField(
        _("text written into the test phase"),
        blank=True,
        editable=False,
        help_text=_("What this debrief last wrote into the challenge's test-phase learnings."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name = _("debrief")
        verbose_name_plural = _("debriefs")
        constraints = [models.UniqueConstraint(fields=["session", "challenge"], name="debrief_once_per_session")]

    def __str__(self) -> str:
        return f"{self.session} · {self.challenge_id}"
