"""Invitations: bring a person who has no password yet into Défis."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

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


@transaction.atomic
def invitation_create(*, person: User, invited_by: User | None, next_url: str, purpose: str) -> Invitation:
    """Record an invitation and queue its e-mail (through the outbox)."""
    invitation = Invitation.objects.create(person=person, invited_by=invited_by, next_url=next_url, purpose=purpose)
    notifications.notification_create(
        recipient=person,
        kind=notifications.INVITATION,
        event_key=f"invitation:{invitation.pk}",
        context={
            "invited_by": str(invited_by) if invited_by else "",
            "purpose": purpose,
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
    """Set the person's password, verify their address (they followed the link) and close the invitation."""
    person = invitation.person
    person.set_password(password)
    person.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=person, email__iexact=person.email, defaults={"email": person.email, "verified": True, "primary": True}
    )
    now = timezone.now()
    Invitation.objects.filter(person=person, accepted_at__isnull=True).update(accepted_at=now)
    invitation.accepted_at = now
    return person
