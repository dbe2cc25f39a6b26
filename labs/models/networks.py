"""A lab's networks, their members, values and versioned charter, and the lab's audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Network(models.Model):
    """A lab's network of ambassadors (la Transfo) or of referents (PACA)."""

    class Kind(models.TextChoices):
        AMBASSADORS = "ambassadors", _("Network of ambassadors")
        REFERENTS = "referents", _("Network of referents")

    lab = models.ForeignKey("labs.Lab", verbose_name=_("lab"), on_delete=models.CASCADE, related_name="networks")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.AMBASSADORS)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    is_open = models.BooleanField(
        _("open to volunteers"), default=False, help_text=_("Volunteers may apply; a coordinator accepts them.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="labs_network_name_unique_in_lab")]

    def __str__(self) -> str:
        return self.name


class NetworkMembership(models.Model):
    """A person's place in a network: an application, an active member, or one who left."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        AMBASSADOR = "ambassador", _("Ambassador")
        REFERENT = "referent", _("Referent")
        RESIDENT = "resident", _("Resident")
        ACCOMPLICE = "accomplice", _("Accomplice")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Application declined")
        LEFT = "left", _("Left the network")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.AMBASSADOR)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    application_message = models.TextField(_("why I want to join"), blank=True)
    brings_commission = models.BooleanField(
        _("would bring a commission from my department"),
        default=False,
        help_text=_("You would like the lab to work on a project of your own department, as its commissioner."),
    )
    commission_idea = models.TextField(_("the commission I would bring"), blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [models.UniqueConstraint(fields=["network", "person"], name="labs_membership_once")]
        indexes = [models.Index(fields=["person", "status"], name="labs_membership_person_status")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == self.Role.COORDINATOR


class NetworkValue(models.Model):
    """One of the network's values (autonomy, horizontality...), possibly at risk inside the administration."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="values")
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    at_risk = models.BooleanField(_("at risk"), default=False)
    risk_note = models.TextField(_("why it is at risk"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="labs_value_name_unique")]

    def __str__(self) -> str:
        return self.name


class Charter(models.Model):
    """One published version of a network's charter. A new text is a new version; acceptances stay with theirs."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="charters")
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"), help_text=_("Markdown."))
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
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        constraints = [models.UniqueConstraint(fields=["network", "version"], name="labs_charter_version_unique")]

    def __str__(self) -> str:
        return f"{self.network} v{self.version}"


class CharterAcceptance(models.Model):
    charter = models.ForeignKey(
        Charter, verbose_name=_("charter"), on_delete=models.CASCADE, related_name="acceptances"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted_at", "-id"]
        verbose_name = _("charter acceptance")
        verbose_name_plural = _("charter acceptances")
        constraints = [models.UniqueConstraint(fields=["charter", "person"], name="labs_charter_accepted_once")]

    def __str__(self) -> str:
        return f"{self.person} → {self.charter}"


class AuditEntry(models.Model):
    """Who changed what in a lab, written by the services in the same transaction as the change."""

    class Action(models.TextChoices):
        LAB_CHANGED = "lab_changed", _("Lab updated")
        NETWORK_CREATED = "network_created", _("Network created")
        NETWORK_CHANGED = "network_changed", _("Network updated")
        MEMBER_ADDED = "member_added", _("Member added")
        MEMBER_ROLE_CHANGED = "member_role_changed", _("Role changed")
        MEMBER_REMOVED = "member_removed", _("Member removed")
        MEMBER_LEFT = "member_left", _("Member left")
        APPLICATION_ACCEPTED = "application_accepted", _("Application accepted")
        APPLICATION_DECLINED = "application_declined", _("Application declined")
        VALUE_ADDED = "value_added", _("Value added")
        VALUE_CHANGED = "value_changed", _("Value changed")
        VALUE_REMOVED = "value_removed", _("Value removed")
        CHARTER_PUBLISHED = "charter_published", _("Charter published")
        JOURNEY_PUBLISHED = "journey_published", _("Onboarding journey published")
        STEP_ATTESTED = "step_attested", _("Onboarding step attested")
        AUTHORISATION_CHANGED = "authorisation_changed", _("Authorisation changed")
        INTERVIEW_RECORDED = "interview_recorded", _("Interview recorded")
        COMMISSION_STATE = "commission_state", _("Commission state changed")
        COMMISSION_REFORMULATED = "commission_reformulated", _("Commission reformulated")

    lab = models.ForeignKey("labs.Lab", verbose_name=_("lab"), on_delete=models.CASCADE, related_name="audit_entries")
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    subject = models.CharField(_("about"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True, help_text=_("Field → [before, after]."))
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["lab", "-created_at"], name="labs_audit_lab_date")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.subject}"
