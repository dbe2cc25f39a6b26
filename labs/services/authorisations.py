"""Participation authorisations: a member's manager legitimises the time the member gives to the lab.

The signed file is a PDF or an image, judged on its content: ``filetype`` reads the first bytes, and an
image must also decode with Pillow. Expiry is reminded 30 days ahead, to the member and the coordinators,
and a granted authorisation past its end becomes *expired*.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innovation.models import Notification, User
from innovation.services.notifications import notification_create
from labs.models import AuditEntry, Authorisation, NetworkMembership
from labs.services import kinds
from labs.services.audit import audit_changes, audit_record

Status = Authorisation.Status

FILE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
ACCEPTED_TYPES = IMAGE_TYPES | {"application/pdf"}
EXPIRY_NOTICE_DAYS = 30


def authorisation_file_check(*, file: UploadedFile) -> str:
    """The real type of a signed authorisation, or a ``ValidationError``: too large, not a PDF or an image,
    or an image that does not decode."""
    if file.size is not None and file.size > FILE_MAX_BYTES:
        raise ValidationError(
            _("This file is too large (%(size)s): the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(FILE_MAX_BYTES)},
        )
    file.seek(0)
    kind = filetype.guess(file.read(8192))
    file.seek(0)
    if kind is None or kind.mime not in ACCEPTED_TYPES:
        raise ValidationError(_("Send the signed authorisation as a PDF or an image (PNG, JPEG)."), code="bad_type")
    if kind.mime in IMAGE_TYPES:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(file) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(_("This image cannot be read: send another file."), code="bad_image") from None
        finally:
            file.seek(0)
    return kind.mime


def _snapshot(authorisation: Authorisation) -> dict:
    """What the audit keeps: no manager's address (it is for the member and the coordinators only)."""
    return {
        "manager": authorisation.manager_name,
        "status": authorisation.status,
        "requested_on": authorisation.requested_on,
        "valid_from": authorisation.valid_from,
        "valid_until": authorisation.valid_until,
        "days_per_month": authorisation.days_per_month,
        "file": authorisation.file_name,
    }


@transaction.atomic
def authorisation_save(
    *,
    membership: NetworkMembership,
    actor: User,
    manager_name: str,
    manager_email: str = "",
    status: str = Status.REQUESTED,
    requested_on: datetime.date | None = None,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    days_per_month: Decimal | None = None,
    file: UploadedFile | None = None,
) -> Authorisation:
    """Create or change the member's authorisation. A granted one needs its end date and the signed file."""
    authorisation = Authorisation.objects.select_for_update().filter(membership=membership).first() or Authorisation(
        membership=membership
    )
    errors: dict[str, ValidationError] = {}
    if not manager_name.strip():
        errors["manager_name"] = ValidationError(_("Give your manager's name."), code="required")
    if status not in Status.values:
        errors["status"] = ValidationError(_("Choose a status."), code="invalid")
    if valid_from and valid_until and valid_until < valid_from:
        errors["valid_until"] = ValidationError(_("The end comes after the start."), code="dates")
    if days_per_month is not None and not Decimal(0) < days_per_month <= Decimal(22):
        errors["days_per_month"] = ValidationError(
            _("Give a time allowance between 0.5 and 22 days a month."), code="allowance"
        )
    if file is not None:
        try:
            authorisation_file_check(file=file)
        except ValidationError as error:
            errors["file"] = error
    if status == Status.GRANTED and "file" not in errors:
        if file is None and not authorisation.file:
            errors["file"] = ValidationError(_("Add the signed authorisation."), code="file_required")
        if valid_until is None:
            errors["valid_until"] = ValidationError(_("Until when is it granted?"), code="required")
    if errors:
        raise ValidationError(errors)
    before = _snapshot(authorisation) if authorisation.pk else {}
    authorisation.manager_name = manager_name.strip()
    authorisation.manager_email = manager_email.strip().lower()
    authorisation.status = status
    authorisation.requested_on = requested_on
    authorisation.valid_from = valid_from
    authorisation.valid_until = valid_until
    authorisation.days_per_month = days_per_month
    previous_file = authorisation.file.name if authorisation.file else ""
    if file is not None:
        authorisation.file.save(file.name or "autorisation", file, save=False)
    authorisation.save()
    if file is not None and previous_file:
        transaction.on_commit(lambda: authorisation.file.storage.delete(previous_file))
    changes = audit_changes(before=before, after=_snapshot(authorisation))
    if changes:
        audit_record(
            lab=membership.network.lab,
            network=membership.network,
            actor=actor,
            action=AuditEntry.Action.AUTHORISATION_CHANGED,
            subject=str(membership.person),
            changes=changes,
        )
    return authorisation


def _coordinators(membership: NetworkMembership):
    return User.objects.filter(
        is_active=True,
        network_memberships__network__lab_id=membership.network.lab_id,
        network_memberships__status=NetworkMembership.Status.ACTIVE,
        network_memberships__role=NetworkMembership.Role.COORDINATOR,
    ).distinct()


@transaction.atomic
def authorisations_expire(*, today: datetime.date) -> int:
    """Granted authorisations whose end has passed become expired (audited, by nobody). Returns how many."""
    expired = Authorisation.objects.select_for_update().select_related("membership__network__lab", "membership__person")
    count = 0
    for authorisation in expired.filter(status=Status.GRANTED, valid_until__lt=today):
        authorisation.status = Status.EXPIRED
        authorisation.save(update_fields=["status", "updated_at"])
        membership = authorisation.membership
        audit_record(
            lab=membership.network.lab,
            network=membership.network,
            actor=None,
            action=AuditEntry.Action.AUTHORISATION_CHANGED,
            subject=str(membership.person),
            changes={"status": [Status.GRANTED, Status.EXPIRED]},
        )
        count += 1
    return count


@transaction.atomic
def authorisation_reminders_send(*, today: datetime.date) -> int:
    """Tell the member and the lab's coordinators, once per end date, that an authorisation ends within
    30 days. Returns how many notifications were written."""
    soon = today + datetime.timedelta(days=EXPIRY_NOTICE_DAYS)
    written = 0
    expiring = Authorisation.objects.select_related("membership__network__lab", "membership__person").filter(
        status=Status.GRANTED,
        valid_until__gte=today,
        valid_until__lte=soon,
        membership__status=NetworkMembership.Status.ACTIVE,
    )
    for authorisation in expiring:
        membership = authorisation.membership
        event_key = f"labs-authorisation-expiring:{authorisation.pk}:{authorisation.valid_until.isoformat()}"
        url = settings.SITE_URL + reverse("labs:authorisation", args=[membership.pk])
        already = set(
            Notification.objects.filter(kind=kinds.AUTHORISATION_EXPIRING.key, event_key=event_key).values_list(
                "recipient_id", flat=True
            )
        )
        recipients = {membership.person, *_coordinators(membership)}
        for recipient in sorted(recipients, key=lambda person: person.pk):
            if not recipient.is_active or recipient.pk in already:
                continue
            notification_create(
                recipient=recipient,
                kind=kinds.AUTHORISATION_EXPIRING,
                event_key=event_key,
                context={
                    "member": str(membership.person),
                    "is_member": recipient.pk == membership.person_id,
                    "network": membership.network.name,
                    "valid_until": authorisation.valid_until.isoformat(),
                    "url": url,
                },
            )
            written += 1
    return written
