"""Labs, their networks of ambassadors, the network's charter and its members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Lab(models.Model):
    """A public-innovation lab of a collectivity (la Transfo Occitanie, le Lab' PACA...)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        "innovation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labs",
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("lab")
        verbose_name_plural = _("labs")

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    """A lab's network of ambassadors, with its values."""

    lab = models.ForeignKey(Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="networks")
    name = models.CharField(_("name"), max_length=200)
    values = models.JSONField(
        _("values"), default=list, blank=True, help_text=_("A list of {name, description}: autonomy, frugality…")
    )

    class Meta:
        ordering = ["lab", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="network_name_unique_in_lab")]

    def __str__(self) -> str:
        return self.name


class NetworkMembership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Ambassador")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["network", "role", "person__display_name", "id"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [models.UniqueConstraint(fields=["network", "person"], name="network_membership_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Charter(models.Model):
    """One version of a network's charter. A new text is a new version; acceptances stay with theirs."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="charters")
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"), help_text=_("Markdown."))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["network", "-version"]
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        constraints = [models.UniqueConstraint(fields=["network", "version"], name="charter_version_unique")]

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
        ordering = ["charter", "accepted_at"]
        verbose_name = _("charter acceptance")
        verbose_name_plural = _("charter acceptances")
        constraints = [models.UniqueConstraint(fields=["charter", "person"], name="charter_accepted_once")]

    def __str__(self) -> str:
        return f"{self.person} → {self.charter}"
