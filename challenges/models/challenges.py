"""Challenges ("défis"), their team, phases, question history, links and attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    IDEATION = "ideation", _("Ideation")
    SELECTED_IDEA = "selected_idea", _("Selected idea")
    PROTOTYPE = "prototype", _("Prototype")
    TEST = "test", _("Test")
    DEBRIEF = "debrief", _("Debrief")


PHASE_ORDER: tuple[str, ...] = tuple(Phase.values)


class Challenge(models.Model):
    """A challenge of a site, titled by its working question ("Comment ... ?")."""

    Phase = Phase

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    site = models.ForeignKey(
        "challenges.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="challenges"
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Unique within the site: “Défi 3”."))
    question = models.CharField(_("working question"), max_length=500, help_text=_("“Comment … ?”"))
    subject = models.CharField(_("subject"), max_length=300, blank=True, help_text=_("A short subject."))
    organisation = models.ForeignKey(
        "innovation.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    theme = models.ForeignKey(
        "challenges.Theme",
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges",
    )
    territory = models.CharField(_("territory"), max_length=250, blank=True)
    territory_communes = models.PositiveIntegerField(_("number of communes"), null=True, blank=True)
    territory_inhabitants = models.PositiveIntegerField(_("number of inhabitants"), null=True, blank=True)
    territory_figures = models.JSONField(
        _("other figures"), default=list, blank=True, help_text=_("A list of {label, value} pairs.")
    )
    stakes = models.TextField(_("stakes"), blank=True, help_text=_("Markdown."))
    stakeholders = models.TextField(_("stakeholders"), blank=True, help_text=_("Markdown."))
    users = models.TextField(_("users"), blank=True, help_text=_("Markdown."))
    obstacles = models.TextField(_("obstacles"), blank=True, help_text=_("Markdown."))
    levers = models.TextField(_("levers"), blank=True, help_text=_("Markdown."))
    # The same texts rendered and sanitised when saved (innovation.markdown.markdown_store): pages show these.
    stakes_html = models.TextField(editable=False, blank=True, default="")
    stakeholders_html = models.TextField(editable=False, blank=True, default="")
    users_html = models.TextField(editable=False, blank=True, default="")
    obstacles_html = models.TextField(editable=False, blank=True, default="")
    levers_html = models.TextField(editable=False, blank=True, default="")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    shares_verdict = models.BooleanField(
        _("latest verdict in the open data"),
        default=False,
        help_text=_("The challenge owner lets the open data show the verdict of the latest submitted assessment."),
    )
    phase = models.CharField(_("current phase"), max_length=20, choices=Phase.choices, default=Phase.IDEATION)
    nature = models.CharField(
        _("kind of challenge"),
        max_length=12,
        choices=[("digital", _("Digital")), ("non_digital", _("Non-digital"))],
        blank=True,
        help_text=_("Whether the challenge is about a digital service: grid trials show they covered both kinds."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [models.UniqueConstraint(fields=["site", "number"], name="challenge_number_unique_in_site")]
        indexes = [models.Index(fields=["site", "status"], name="challenge_site_status")]

    def __str__(self) -> str:
        return _("Challenge %(number)s: %(question)s") % {"number": self.number, "question": self.question}

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class TeamMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Challenge owner")
        FACILITATOR = "facilitator", _("Facilitator")
        CONTRIBUTOR = "contributor", _("Contributor")

    challenge = models.ForeignKey(Challenge, verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    job_title = models.CharField(_("job title shown"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [models.UniqueConstraint(fields=["challenge", "person"], name="membership_once_per_challenge")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class PhaseContent(models.Model):
    """What a phase produced: key ideas, the selected idea, the prototype, the test, the conclusions."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="phase_contents"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    text = models.TextField(_("content"), blank=True, help_text=_("Markdown."))
    learnings = models.TextField(
        _("what was learnt"), blank=True, help_text=_("For the test phase: what the test taught. Markdown.")
    )
    text_html = models.TextField(editable=False, blank=True, default="")  # rendered when saved
    learnings_html = models.TextField(editable=False, blank=True, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("phase content")
        verbose_name_plural = _("phase contents")
        constraints = [models.UniqueConstraint(fields=["challenge", "phase"], name="phase_content_once")]

    def __str__(self) -> str:
        return f"{self.challenge_id} · {self.get_phase_display()}"


class QuestionReformulation(models.Model):
    """One reformulation of the working question, kept forever: before, after, why, who, when."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="reformulations"
    )
    previous_question = models.CharField(_("previous question"), max_length=500)
    new_question = models.CharField(_("new question"), max_length=500)
    reason = models.TextField(_("reason"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("question reformulation")
        verbose_name_plural = _("question reformulations")

    def __str__(self) -> str:
        return f"{self.previous_question} → {self.new_question}"


class ChallengeLink(models.Model):
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ["id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: "ChallengeAttachment", filename: str) -> str:
    return f"challenges/{instance.challenge_id}/{filename}"


class ChallengeAttachment(models.Model):
    """A file of a challenge: a document, or a photo or file of a phase (the prototype...)."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="attachments"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title
