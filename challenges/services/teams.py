"""Build a challenge's team: invite people by e-mail, add existing accounts, remove members.

A person with no account (or who never chose a password) receives an invitation
through :mod:`innovation.services.invitations`; a person who already uses Défis is
added at once and told so by a ``challenge_team_added`` notification. Both go
through the outbox, in the same transaction as the membership and its audit entry.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from challenges.models import AuditEntry, Challenge, TeamMembership
from challenges.services.audit import audit_record
from innovation.models import User
from innovation.services import invitations
from innovation.services.notifications import notification_create, notification_kind_register

TEAM_ADDED = notification_kind_register(
    key="challenge_team_added", category="challenges", label=_("Added to a challenge's team")
)


# What an invitation to a team says, by role: translated for whoever reads it (see innovation.services.invitations).
TEAM_PURPOSES = {
    TeamMembership.Role.OWNER: gettext_noop("Join the team of challenge %(number)s, “%(question)s”, as its owner."),
    TeamMembership.Role.FACILITATOR: gettext_noop(
        "Join the team of challenge %(number)s, “%(question)s”, as a facilitator."
    ),
    TeamMembership.Role.CONTRIBUTOR: gettext_noop(
        "Join the team of challenge %(number)s, “%(question)s”, as a contributor."
    ),
}


def challenge_path(*, challenge: Challenge) -> str:
    return reverse("challenges:challenge_detail", args=[challenge.pk])


@transaction.atomic
def team_member_invite(
    *,
    challenge: Challenge,
    invited_by: User,
    email: str,
    role: str,
    display_name: str = "",
    job_title: str = "",
) -> TeamMembership:
    """Add the person with this e-mail to the team, inviting them if they have no account yet."""
    email = (email or "").strip().lower()
    errors: dict[str, ValidationError] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = ValidationError(_("Enter a valid e-mail address."), code="invalid")
    if role not in TeamMembership.Role.values:
        errors["role"] = ValidationError(_("Choose a role."), code="invalid")
    if errors:
        raise ValidationError(errors)
    if TeamMembership.objects.filter(challenge=challenge, person__email__iexact=email).exists():
        raise ValidationError(
            {"email": ValidationError(_("This person is already in the team."), code="already_member")}
        )
    person, _created = invitations.person_get_or_create(
        email=email, display_name=display_name.strip(), job_title=job_title.strip()
    )
    membership = TeamMembership.objects.create(
        challenge=challenge, person=person, role=role, job_title=job_title.strip() or person.job_title
    )
    if person.has_usable_password():
        notification_create(
            recipient=person,
            kind=TEAM_ADDED,
            event_key=f"challenge_team_added:{membership.pk}",
            context={
                "invited_by": str(invited_by),
                "challenge_number": challenge.number,
                "challenge_question": challenge.question,
                "role": membership.role,
                "challenge_url": settings.SITE_URL + challenge_path(challenge=challenge),
            },
        )
    else:
        invitations.invitation_create(
            person=person,
            invited_by=invited_by,
            next_url=challenge_path(challenge=challenge),
            purpose=TEAM_PURPOSES[membership.role],
            purpose_params={"number": challenge.number, "question": challenge.question},
        )
    audit_record(
        challenge=challenge,
        actor=invited_by,
        action=AuditEntry.Action.MEMBER_ADDED,
        changes={"person": [None, str(person)], "email": [None, person.email], "role": [None, membership.role]},
    )
    return membership


@transaction.atomic
def team_member_remove(*, membership: TeamMembership, actor: User) -> None:
    challenge = membership.challenge
    person = membership.person
    audit_record(
        challenge=challenge,
        actor=actor,
        action=AuditEntry.Action.MEMBER_REMOVED,
        changes={"person": [str(person), None], "email": [person.email, None], "role": [membership.role, None]},
    )
    membership.delete()
