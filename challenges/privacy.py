"""What the challenges app holds about a person, and what it erases when the person deletes their account.

Erased: their places in teams and on sites, and their name and e-mail address in the history of team
changes. Kept, attributed to the anonymised person: the challenges, phases, reformulations and files they
wrote, and the audit entries of what they did (see innovation.privacy).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext

from challenges.models import (
    AuditEntry,
    ChallengeAttachment,
    PhaseContent,
    QuestionReformulation,
    Site,
    TeamMembership,
)
from challenges.services.audit import audit_record
from innovation.models import User
from innovation.privacy import personal_data_eraser_register, personal_data_register


def _challenge(challenge) -> dict[str, Any]:
    return {"site": challenge.site.place, "number": challenge.number, "question": challenge.question}


def membership_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for membership in TeamMembership.objects.filter(person=person).select_related("challenge__site"):
        yield {
            **_challenge(membership.challenge),
            "role": membership.role,
            "job_title": membership.job_title,
            "added": membership.created_at,
        }


def facilitated_site_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for site in Site.objects.filter(facilitators=person).select_related("edition"):
        yield {"edition": site.edition.title, "site": site.place, "starts_on": site.starts_on, "ends_on": site.ends_on}


def contribution_rows(*, person: User) -> Iterator[dict[str, Any]]:
    """What the person wrote on challenges: reformulated questions, phase contents, files."""
    for item in QuestionReformulation.objects.filter(author=person).select_related("challenge__site"):
        yield {
            **_challenge(item.challenge),
            "what": "question_reformulation",
            "date": item.created_at,
            "text": item.new_question,
            "reason": item.reason,
        }
    for content in PhaseContent.objects.filter(updated_by=person).select_related("challenge__site"):
        yield {
            **_challenge(content.challenge),
            "what": f"phase_content:{content.phase}",
            "date": content.updated_at,
            "text": content.text,
            "reason": "",
        }
    for attachment in ChallengeAttachment.objects.filter(uploaded_by=person).select_related("challenge__site"):
        yield {
            **_challenge(attachment.challenge),
            "what": "attachment",
            "date": attachment.uploaded_at,
            "text": attachment.title,
            "reason": "",
        }


def audit_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for entry in AuditEntry.objects.filter(actor=person).select_related("challenge__site").order_by("created_at"):
        yield {
            **_challenge(entry.challenge),
            "action": entry.action,
            "changes": entry.changes,
            "date": entry.created_at,
        }


def _scrubbed(value: Any, names: set[str], placeholder: str) -> Any:
    if isinstance(value, str):
        return placeholder if value in names else value
    if isinstance(value, list):
        return [_scrubbed(item, names, placeholder) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(item, names, placeholder) for key, item in value.items()}
    return value


def erase(*, person: User) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        placeholder = gettext("Deleted user")
    # The history of team changes names people: their e-mail address and name give way to the placeholder.
    names = {name for name in (person.email, person.display_name, str(person)) if name}
    for entry in AuditEntry.objects.annotate(text=Cast("changes", TextField())).filter(text__contains=person.email):
        entry.changes = _scrubbed(entry.changes, names, placeholder)
        entry.save(update_fields=["changes"])
    for membership in TeamMembership.objects.filter(person=person).select_related("challenge"):
        audit_record(
            challenge=membership.challenge,
            actor=None,
            action=AuditEntry.Action.MEMBER_REMOVED,
            changes={"person": [placeholder, None], "role": [membership.role, None]},
        )
        membership.delete()
    person.facilitated_sites.clear()


def register() -> None:
    personal_data_register("challenge_teams", membership_rows)
    personal_data_register("sites_facilitated", facilitated_site_rows)
    personal_data_register("challenge_contributions", contribution_rows)
    personal_data_register("challenge_changes", audit_rows)
    personal_data_eraser_register(erase)
