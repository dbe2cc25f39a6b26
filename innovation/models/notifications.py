from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a person wants to hear about a category of notifications."""

    IMMEDIATE = "immediate", _("Immediate e-mail")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("Off (on the site only)")


class Notification(models.Model):
    """One message to one person about one event: the outbox row.

    The row is written in the same transaction as the change that causes it;
    the Celery task only sends what the row says. ``sent_at`` guards against a
    second sending, and the sweep re-enqueues rows the broker lost.
    """

    kind = models.CharField(_("kind"), max_length=60)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event_key = models.CharField(
        _("event"),
        max_length=200,
        help_text=_("Identifies the event, so that one event never notifies a person twice."),
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.CharField(
        _("delivery"),
        max_length=12,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
        help_text=_("Decided from the recipient's preferences when the row is written."),
    )
    digested_at = models.DateTimeField(_("included in a digest"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sending_since = models.DateTimeField(
        _("sending since"),
        null=True,
        blank=True,
        help_text=_("Set while a worker sends the e-mail, so that a second delivery of its task sends nothing."),
    )
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "event_key"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="notification_unsent"),
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(delivery="digest", digested_at__isnull=True),
                name="notification_digest_pending",
            ),
            models.Index(
                fields=["recipient", "created_at"], condition=models.Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class NotificationPreference(models.Model):
    """A person's choice for one category: immediate e-mail, daily digest or off.

    No row means the default: immediate e-mail. Some categories (account) are
    always immediate whatever is stored; the service enforces it.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    category = models.CharField(_("category"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["category", "id"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["person", "category"], name="notification_preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.category} → {self.delivery}"
