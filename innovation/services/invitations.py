"""Invitations: bring a person who has no password yet into Défis.

What the person is invited to (the purpose) is kept as its English source text, marked for translation
with ``gettext_noop`` by the caller, and its values: it is translated when shown, in the language of
whoever reads it (the e-mail in the invited person's, the page in their browser's), never in the
inviter's.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from innovation.models import Invitation, Organisation, User
from innovation.services import notifications

_SALT = "innovation.invitation"


class InvitationInvalid(Exception):
    """The link is malformed, expired or already used."""


def person_get_or_create(
    *, email: str, display_name: str = "", job_title: str = "", organisation: Organisation | None = None
) -> tuple[User, bool]:
    """Find a person by e-mail (case-insensitive) or create one with no usable password."""
    email = User.objects.normalize_email(email).strip().lower()
    person = User.objects.filter(email__iexact=email).first()
    if person is not None:
        return person, False
    person = User.objects.create_user(
        email=email, password=None, display_name=display_name, job_title=job_title, organisation=organisation
    )
    return person, True


def invitation_token(*, invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=_SALT)


def invitation_url(*, invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[invitation_token(invitation=invitation)])


def invitation_purpose(*, purpose: str, params: Mapping[str, Any]) -> str:
    """The purpose of an invitation in the active language: its source text translated, then its values."""
    if not purpose:
        return ""
    text = gettext(purpose)
    return text % dict(params) if params else text


@transaction.atomic
def invitation_create(
    *,
    person: User,
    invited_by: User | None,
    next_url: str,
    purpose: str,
    purpose_params: Mapping[str, Any] | None = None,
) -> Invitation:
    """Record an invitation and queue its e-mail (through the outbox).

    ``purpose`` is an English source text marked with ``gettext_noop`` (``%(name)s`` placeholders filled
    from ``purpose_params``, which must be JSON values): it is translated for each reader.
    """
    params = dict(purpose_params or {})
    invitation_purpose(purpose=purpose, params=params)  # a placeholder without its value fails here, not later
    invitation = Invitation.objects.create(
        person=person, invited_by=invited_by, next_url=next_url, purpose=purpose, purpose_params=params
    )
    notifications.notification_create(
        recipient=person,
        kind=notifications.INVITATION,
        event_key=f"invitation:{invitation.pk}",
        context={
            "invited_by": str(invited_by) if invited_by else "",
            "purpose": purpose,
            "purpose_params": params,
            "accept_url": invitation_url(invitation=invitation),
            "max_age_days": settings.INVITATION_MAX_AGE_DAYS,
        },
    )
    return invitation


def invitation_from_token(*, token: str) -> Invitation:
    try:
        pk = signing.loads(token, salt=_SALT, max_age=timedelta(days=settings.INVITATION_MAX_AGE_DAYS))
    except signing.SignatureExpired:
        raise InvitationInvalid("expired") from None
    except signing.BadSignature:
        raise InvitationInvalid("bad signature") from None
    invitation = Invitation.objects.select_related("person").filter(pk=pk).first()
    if invitation is None or invitation.accepted_at is not None or not invitation.person.is_active:
        raise InvitationInvalid("used")
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Set the person's password, verify their address (they followed the link) and close the invitation.

    A password the validators refuse (too short, too common, too close to the person's name...) raises
    ``ValidationError`` keyed ``password``.
    """
    person = invitation.person
    try:
        password_validation.validate_password(password, person)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error
    person.set_password(password)
    person.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=person, email__iexact=person.email, defaults={"email": person.email, "verified": True, "primary": True}
    )
    now = timezone.now()
    Invitation.objects.filter(person=person, accepted_at__isnull=True).update(accepted_at=now)
    invitation.accepted_at = now
    return person
