"""Projects assessed before they are challenges (issue 15).

Public functions
- ``project_create(*, owner, title, description="") -> Project``: a project of ``owner``'s organisation.
- ``project_to_challenge(*, project, site, by, number, question) -> Challenge``: a facilitator of ``site``
  (or staff) turns the project into a draft challenge of the site. The project's owner becomes the
  challenge's owner, the project's assessments (and their plans) belong to the challenge too, so the
  owner's progress carries over, and the challenge's history says it comes from the project.
Errors are ``ValidationError`` with French messages, keyed by field.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import AuditEntry, Challenge, Site, TeamMembership
from challenges.services import challenges as challenge_services
from challenges.services import teams as team_services
from challenges.services.audit import audit_record
from grids.models import Assessment, Project
from innovation.models import User

TITLE_MAX = 200


@transaction.atomic
def project_create(*, owner: User, title: str, description: str = "") -> Project:
    errors: dict[str, ValidationError] = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = ValidationError(_("Give the project a title."), code="required")
    elif len(title) > TITLE_MAX:
        errors["title"] = ValidationError(
            _("The title is too long (at most %(max)s characters).") % {"max": TITLE_MAX}, code="max_length"
        )
    if owner.organisation_id is None:
        errors["__all__"] = ValidationError(
            _(
                "Your account belongs to no organisation, and a project belongs to one: "
                "ask the CNFPT team to add yours."
            ),
            code="no_organisation",
        )
    if errors:
        raise ValidationError(errors)
    return Project.objects.create(
        organisation_id=owner.organisation_id, owner=owner, title=title, description=(description or "").strip()
    )


@transaction.atomic
def project_to_challenge(*, project: Project, site: Site, by: User, number: int | None, question: str) -> Challenge:
    project = Project.objects.select_for_update(of=("self",)).select_related("owner", "organisation").get(pk=project.pk)
    if project.challenge_id is not None:
        raise ValidationError(_("This project is already a challenge."), code="already_challenge")
    if not (by.is_staff or site.facilitators.filter(pk=by.pk).exists()):
        raise PermissionDenied
    challenge = challenge_services.challenge_create(
        site=site,
        author=by,
        organisation=project.organisation,
        fields={"number": number, "question": question, "subject": project.title},
    )
    if not TeamMembership.objects.filter(challenge=challenge, person=project.owner).exists():
        team_services.team_member_invite(
            challenge=challenge, invited_by=by, email=project.owner.email, role=TeamMembership.Role.OWNER
        )
    carried = Assessment.objects.filter(project=project).update(challenge=challenge)
    project.challenge = challenge
    project.became_challenge_at = timezone.now()
    project.save(update_fields=["challenge", "became_challenge_at"])
    audit_record(
        challenge=challenge,
        actor=by,
        action=AuditEntry.Action.FROM_PROJECT,
        changes={"project": [None, project.title], "owner": [None, str(project.owner)], "assessments": [None, carried]},
    )
    return challenge
