"""Commissions (seed 004): a request brought to the lab, its intake grid and interview (« démarreur
bienveillant »), its reformulation validated by the commissioner, and its team of 4–5 members.

Every change goes through ``labs.services.commissions``; the state never changes anywhere else."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TEAM_MIN, TEAM_MAX = 4, 5


class Commission(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        INTAKE_PLANNED = "intake_planned", _("Intake planned")
        INTERVIEWED = "interviewed", _("Interviewed")
        REFORMULATED = "reformulated", _("Reformulated")
        VALIDATED = "validated", _("Validated by the commissioner")
        TEAM_FORMED = "team_formed", _("Team formed")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")
        ABANDONED = "abandoned", _("Abandoned")

    class Mode(models.TextChoices):
        AMBASSADORS = "ambassadors", _("Ambassadors")
        RESIDENTS = "residents", _("Residents")
        AMO = "amo", _("Assistance contract (AMO)")
        OPERATOR = "operator", _("Operator")

    lab = models.ForeignKey("labs.Lab", verbose_name=_("lab"), on_delete=models.CASCADE, related_name="commissions")
    case = models.CharField(_("case"), max_length=40, blank=True, help_text=_("For example: case no. 3."))
    title = models.CharField(_("title"), max_length=200)
    commissioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("commissioner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commissions",
    )
    commissioner_name = models.CharField(_("commissioner's name"), max_length=200, blank=True)
    commissioner_department = models.CharField(_("commissioner's department"), max_length=200, blank=True)
    initial_request = models.TextField(_("initial request"))
    initial_output = models.TextField(_("output first expected"), blank=True)
    question = models.TextField(_("question"), blank=True)
    expected_output = models.TextField(_("expected output"), blank=True)
    phases = models.ManyToManyField("labs.MethodPhase", verbose_name=_("phases needed"), blank=True, related_name="+")
    mode = models.CharField(_("mode of intervention"), max_length=12, choices=Mode.choices, default=Mode.AMBASSADORS)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    budget_source = models.CharField(_("budget source"), max_length=200, blank=True)
    days_per_month = models.DecimalField(
        _("time per member (days per month)"), max_digits=3, decimal_places=1, default=1
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PROPOSED)
    abandon_reason = models.TextField(_("why it was abandoned"), blank=True)
    interview_in_sheet = models.BooleanField(_("include the interview in the commission sheet"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reformulation_round = models.PositiveSmallIntegerField(_("reformulation round"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        indexes = [models.Index(fields=["lab", "state"], name="labs_commission_lab_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def commissioner_label(self) -> str:
        if self.commissioner_id:
            return str(self.commissioner)
        return self.commissioner_name


class CommissionSession(models.Model):
    """A lab session that accompanies the commission, and what it is for."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="accompaniments")
    session = models.ForeignKey("labs.LabSession", verbose_name=_("lab session"), on_delete=models.CASCADE)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)

    class Meta:
        ordering = ["session__starts_on", "id"]
        verbose_name = _("accompaniment session")
        verbose_name_plural = _("accompaniment sessions")
        constraints = [models.UniqueConstraint(fields=["commission", "session"], name="labs_commission_session_once")]

    def __str__(self) -> str:
        return f"{self.commission_id} · {self.session_id}"


class IntakeGrid(models.Model):
    """One version of a commission's interview grid. A checked version is frozen: changes make a new one."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="grids")
    version = models.PositiveSmallIntegerField(_("version"))
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to be checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    check_notes = models.TextField(_("checker's notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("intake grid")
        verbose_name_plural = _("intake grids")
        constraints = [models.UniqueConstraint(fields=["commission", "version"], name="labs_grid_version_unique")]

    def __str__(self) -> str:
        return f"{self.commission} v{self.version}"


class GridQuestion(models.Model):
    class Section(models.TextChoices):
        OUTLINE = "outline", _("The commission's outline")
        PROTAGONISTS = "protagonists", _("Its protagonists")
        INS_AND_OUTS = "ins_and_outs", _("Ins and outs")
        STAKES = "stakes", _("Expected stakes")
        UNCOMFORTABLE = "uncomfortable", _("Uncomfortable questions")

    grid = models.ForeignKey(IntakeGrid, on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(_("section"), max_length=14, choices=Section.choices)
    text = models.CharField(_("question"), max_length=500)
    about_usefulness = models.BooleanField(_("about the project's usefulness"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("grid question")
        verbose_name_plural = _("grid questions")

    def __str__(self) -> str:
        return self.text


class Interview(models.Model):
    """The intake interview. Confidential: the commission's team and the lab's coordinators only."""

    commission = models.OneToOneField(Commission, on_delete=models.CASCADE, related_name="interview")
    held_at = models.DateTimeField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    grid = models.ForeignKey(IntakeGrid, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answers = models.JSONField(_("answers"), default=dict, blank=True, help_text=_("Question id → answer."))
    notes = models.TextField(_("free notes"), blank=True)
    revision = models.PositiveIntegerField(default=0)
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("intake interview")
        verbose_name_plural = _("intake interviews")

    def __str__(self) -> str:
        return f"{self.commission_id} · {self.held_at}"


class InterviewPerson(models.Model):
    class Side(models.TextChoices):
        INTERVIEWER = "interviewer", _("Interviewer")
        INTERVIEWEE = "interviewee", _("Interviewee")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="people")
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        ordering = ["side", "id"]
        verbose_name = _("interview participant")
        verbose_name_plural = _("interview participants")

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.name


def sketch_path(instance: InterviewSketch, filename: str) -> str:
    name = get_valid_filename(PurePath(filename).name) or "croquis"
    return f"labs/sketches/{uuid.uuid4().hex}/{name}"


class InterviewSketch(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="sketches")
    image = models.ImageField(_("sketch"), upload_to=sketch_path, max_length=300)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("sketch")
        verbose_name_plural = _("sketches")

    def __str__(self) -> str:
        return self.caption or PurePath(self.image.name).name


class Reformulation(models.Model):
    """One field's before and after in a round of reformulation, with the reason."""

    class Field(models.TextChoices):
        QUESTION = "question", _("Question")
        EXPECTED_OUTPUT = "expected_output", _("Expected output")
        TITLE = "title", _("Title")

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="reformulations")
    round = models.PositiveSmallIntegerField(_("round"))
    field = models.CharField(_("what"), max_length=16, choices=Field.choices)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"))
    reason = models.TextField(_("reason"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("reformulation")
        verbose_name_plural = _("reformulations")

    def __str__(self) -> str:
        return f"{self.field} ({self.round})"


class ReformulationReview(models.Model):
    """The commissioner's answer to a round: validated, or a comment asking for another round."""

    class Decision(models.TextChoices):
        VALIDATED = "validated", pgettext_lazy("commissioner decision", "Validated")
        COMMENTED = "commented", _("Commented")

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField(_("round"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("reformulation review")
        verbose_name_plural = _("reformulation reviews")

    def __str__(self) -> str:
        return f"{self.decision} ({self.round})"


class StaffingProposal(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="proposals")
    membership = models.ForeignKey(
        "labs.NetworkMembership", verbose_name=_("member"), on_delete=models.CASCADE, related_name="proposals"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    why = models.JSONField(_("why"), default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "id"]
        verbose_name = _("staffing proposal")
        verbose_name_plural = _("staffing proposals")
        constraints = [
            models.UniqueConstraint(fields=["commission", "membership"], name="labs_proposal_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} → {self.commission_id}"
