"""Create and change challenges: their description, links, attachments, phases, question and status.

Every write records an :class:`~challenges.models.AuditEntry` in the same transaction.
Rules (a question is required, a number is unique on its site, the theme belongs to the
site's edition, attachments are small PDFs, images or office documents) live here and raise
``ValidationError`` keyed by field, so a form shows them next to the right field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from challenges.models import (
    AuditEntry,
    Challenge,
    ChallengeAttachment,
    ChallengeLink,
    PhaseContent,
    QuestionReformulation,
    Site,
    Theme,
)
from challenges.models.challenges import PHASE_ORDER
from challenges.services.audit import audit_changes, audit_record
from innovation.models import Organisation, User

DESCRIPTION_FIELDS: tuple[str, ...] = (
    "number",
    "question",
    "subject",
    "theme",
    "territory",
    "territory_communes",
    "territory_inhabitants",
    "territory_figures",
    "stakes",
    "stakeholders",
    "users",
    "obstacles",
    "levers",
)

ACCEPTED_ATTACHMENT_TYPES: frozenset[str] = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)


@dataclass(frozen=True)
class LinkInput:
    title: str
    url: str


@dataclass(frozen=True)
class AttachmentInput:
    title: str
    file: UploadedFile
    phase: str = ""


# --- Rules ------------------------------------------------------------------


def attachment_check(*, file: UploadedFile) -> str:
    """Return the real MIME type of an upload, or raise: too large, or not a PDF, image or office document.

    The type is read from the file's first bytes (``filetype``), never from its name:
    an executable renamed ``.pdf`` is refused.
    """
    limit = settings.CHALLENGE_ATTACHMENT_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s): the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    kind = filetype.guess(file)
    if kind is None or kind.mime not in ACCEPTED_ATTACHMENT_TYPES:
        raise ValidationError(
            _("This type of file is not accepted: send a PDF, an image or an office document."),
            code="bad_type",
        )
    return kind.mime


def challenge_validate(*, site: Site, fields: Mapping[str, Any], exclude_pk: int | None = None) -> None:
    """Raise a ``ValidationError`` keyed by field when the description breaks a rule."""
    errors: dict[str, ValidationError] = {}
    if not (fields.get("question") or "").strip():
        errors["question"] = ValidationError(_("Write the working question of the challenge."), code="required")
    number = fields.get("number")
    if number is None:
        errors["number"] = ValidationError(_("Give the challenge a number."), code="required")
    else:
        taken = Challenge.objects.filter(site=site, number=number)
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            errors["number"] = ValidationError(
                _("Challenge %(number)s already exists on this site: choose another number."),
                code="number_taken",
                params={"number": number},
            )
    theme = fields.get("theme")
    if theme is not None and (not isinstance(theme, Theme) or theme.edition_id != site.edition_id):
        errors["theme"] = ValidationError(_("Choose a theme of this edition."), code="unknown_theme")
    figures = fields.get("territory_figures") or []
    if not isinstance(figures, list) or any(
        not isinstance(item, dict) or set(item) != {"label", "value"} for item in figures
    ):
        errors["territory_figures"] = ValidationError(_("Each figure needs a label and a value."), code="figures")
    if errors:
        raise ValidationError(errors)


def organisation_for_name(*, name: str) -> Organisation:
    """The organisation of that name (case-insensitive), created if it is new."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"organisation": ValidationError(_("Name the owner organisation."), code="required")})
    organisation = Organisation.objects.filter(name__iexact=name).first()
    return organisation or Organisation.objects.create(name=name)


# --- Writes -----------------------------------------------------------------


def _description(challenge: Challenge) -> dict[str, Any]:
    values = {field: getattr(challenge, field) for field in DESCRIPTION_FIELDS}
    values["organisation"] = challenge.organisation
    return values


def _links_snapshot(challenge: Challenge) -> list[str]:
    return [f"{link.title} <{link.url}>" for link in challenge.links.all()]


def _attachment_add(*, challenge: Challenge, actor: User | None, item: AttachmentInput) -> ChallengeAttachment:
    mime = attachment_check(file=item.file)
    attachment = ChallengeAttachment.objects.create(
        challenge=challenge,
        phase=item.phase,
        title=item.title or item.file.name,
        file=item.file,
        content_type=mime,
        size=item.file.size or 0,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit_record(
        challenge=challenge,
        actor=actor,
        action=AuditEntry.Action.ATTACHMENT_ADDED,
        changes={"attachment": [None, attachment.title], "phase": [None, item.phase or None]},
    )
    return attachment


def _save_unique(challenge: Challenge) -> None:
    """Save, turning a number taken by a concurrent request into the same message as the check."""
    try:
        with transaction.atomic():
            challenge.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"number": ValidationError(_("Challenge %(number)s already exists on this site: choose another number."),
                                       params={"number": challenge.number})}
        ) from exc  # fmt: skip


@transaction.atomic
def challenge_create(
    *,
    site: Site,
    author: User,
    organisation: Organisation | str,
    fields: Mapping[str, Any],
    links: Sequence[LinkInput] = (),
    attachments: Sequence[AttachmentInput] = (),
    status: str = Challenge.Status.DRAFT,
) -> Challenge:
    """Create a challenge on ``site`` (a draft unless told otherwise), with its links and attachments."""
    if isinstance(organisation, str):
        organisation = organisation_for_name(name=organisation)
    challenge_validate(site=site, fields=fields)
    challenge = Challenge(site=site, organisation=organisation, status=status)
    for field in DESCRIPTION_FIELDS:
        if field in fields:
            setattr(challenge, field, fields[field])
    challenge.question = challenge.question.strip()
    _save_unique(challenge)
    ChallengeLink.objects.bulk_create(
        [ChallengeLink(challenge=challenge, title=link.title, url=link.url) for link in links]
    )
    audit_record(
        challenge=challenge,
        actor=author,
        action=AuditEntry.Action.CREATED,
        changes={
            **audit_changes(before={}, after=_description(challenge)),
            **({"links": [None, _links_snapshot(challenge)]} if links else {}),
        },
    )
    for item in attachments:
        _attachment_add(challenge=challenge, actor=author, item=item)
    return challenge


@transaction.atomic
def challenge_update(
    *,
    challenge: Challenge,
    actor: User,
    organisation: Organisation | str,
    fields: Mapping[str, Any],
    links: Sequence[LinkInput] | None = None,
    attachments: Sequence[AttachmentInput] = (),
    removed_attachment_ids: Sequence[int] = (),
) -> Challenge:
    """Change the description; ``links`` (when given) replaces the list of links.

    The question is changed through :func:`challenge_reformulate_question`, which keeps its history.
    """
    if "question" in fields and fields["question"] != challenge.question:
        raise ValidationError(
            {"question": ValidationError(_("Reformulate the question to change it: its history is kept."))}
        )
    if isinstance(organisation, str):
        organisation = organisation_for_name(name=organisation)
    merged = {**{f: getattr(challenge, f) for f in DESCRIPTION_FIELDS}, **fields}
    challenge_validate(site=challenge.site, fields=merged, exclude_pk=challenge.pk)
    # What is stored, not the instance: a bound ModelForm has already copied its data onto ``challenge``.
    stored = (
        Challenge.objects.select_for_update(of=("self",)).select_related("organisation", "theme").get(pk=challenge.pk)
    )
    before = _description(stored)
    links_before = _links_snapshot(challenge)
    for field in DESCRIPTION_FIELDS:
        if field in fields:
            setattr(challenge, field, fields[field])
    challenge.organisation = organisation
    _save_unique(challenge)
    changes = audit_changes(before=before, after=_description(challenge))
    if links is not None:
        challenge.links.all().delete()
        ChallengeLink.objects.bulk_create(
            [ChallengeLink(challenge=challenge, title=link.title, url=link.url) for link in links]
        )
        links_after = _links_snapshot(challenge)
        if links_after != links_before:
            changes["links"] = [links_before, links_after]
    if changes:
        audit_record(challenge=challenge, actor=actor, action=AuditEntry.Action.UPDATED, changes=changes)
    for attachment in challenge.attachments.filter(pk__in=list(removed_attachment_ids)):
        attachment_remove(attachment=attachment, actor=actor)
    for item in attachments:
        _attachment_add(challenge=challenge, actor=actor, item=item)
    return challenge


@transaction.atomic
def attachment_add(
    *, challenge: Challenge, actor: User, title: str, file: UploadedFile, phase: str = ""
) -> ChallengeAttachment:
    return _attachment_add(challenge=challenge, actor=actor, item=AttachmentInput(title=title, file=file, phase=phase))


@transaction.atomic
def attachment_remove(*, attachment: ChallengeAttachment, actor: User) -> None:
    challenge = attachment.challenge
    title = attachment.title
    attachment.file.delete(save=False)
    attachment.delete()
    audit_record(
        challenge=challenge,
        actor=actor,
        action=AuditEntry.Action.ATTACHMENT_REMOVED,
        changes={"attachment": [title, None]},
    )


@transaction.atomic
def challenge_set_status(*, challenge: Challenge, actor: User, status: str) -> Challenge:
    """Publish a challenge, or take it back to draft (then only its team and facilitators see it)."""
    if status not in Challenge.Status.values:
        raise ValidationError({"status": ValidationError(_("Unknown status."))})
    if challenge.status == status:
        return challenge
    previous = challenge.status
    challenge.status = status
    challenge.save(update_fields=["status", "updated_at"])
    audit_record(
        challenge=challenge,
        actor=actor,
        action=AuditEntry.Action.PUBLISHED if status == Challenge.Status.PUBLISHED else AuditEntry.Action.UNPUBLISHED,
        changes={"status": [previous, status]},
    )
    return challenge


@transaction.atomic
def challenge_move_phase(*, challenge: Challenge, actor: User, phase: str) -> Challenge:
    """Make ``phase`` the current phase (forwards, or back when the team returns to an earlier phase)."""
    if phase not in PHASE_ORDER:
        raise ValidationError({"phase": ValidationError(_("Unknown phase."), code="unknown_phase")})
    if challenge.phase == phase:
        return challenge
    previous = challenge.phase
    challenge.phase = phase
    challenge.save(update_fields=["phase", "updated_at"])
    audit_record(
        challenge=challenge, actor=actor, action=AuditEntry.Action.PHASE_MOVED, changes={"phase": [previous, phase]}
    )
    return challenge


@transaction.atomic
def phase_content_update(
    *,
    challenge: Challenge,
    actor: User,
    phase: str,
    text: str,
    learnings: str = "",
    attachments: Sequence[AttachmentInput] = (),
) -> PhaseContent:
    """Record what a phase produced (key ideas, selected idea, prototype, test, conclusions) and its files."""
    if phase not in PHASE_ORDER:
        raise ValidationError({"phase": ValidationError(_("Unknown phase."), code="unknown_phase")})
    content = PhaseContent.objects.select_for_update().filter(challenge=challenge, phase=phase).first()
    before = {"text": content.text, "learnings": content.learnings} if content else {"text": "", "learnings": ""}
    if content is None:
        content = PhaseContent(challenge=challenge, phase=phase)
    content.text = text
    content.learnings = learnings if phase == Challenge.Phase.TEST else ""
    content.updated_by = actor
    content.save()
    changes = audit_changes(before=before, after={"text": content.text, "learnings": content.learnings})
    if changes:
        audit_record(
            challenge=challenge,
            actor=actor,
            action=AuditEntry.Action.PHASE_CONTENT_UPDATED,
            changes={"phase": [None, phase], **changes},
        )
    for item in attachments:
        _attachment_add(challenge=challenge, actor=actor, item=AttachmentInput(item.title, item.file, phase))
    return content


@transaction.atomic
def challenge_reformulate_question(
    *, challenge: Challenge, author: User, question: str, reason: str
) -> QuestionReformulation:
    """Change the working question and keep the previous one, the reason, the author and the date."""
    question, reason = " ".join(question.split()), reason.strip()
    errors = {}
    if not question:
        errors["question"] = ValidationError(_("Write the new question."), code="required")
    elif question == challenge.question:
        errors["question"] = ValidationError(_("The new question is the same as the current one."), code="unchanged")
    if not reason:
        errors["reason"] = ValidationError(_("Say why the question changes."), code="required")
    if errors:
        raise ValidationError(errors)
    previous = Challenge.objects.select_for_update().values_list("question", flat=True).get(pk=challenge.pk)
    reformulation = QuestionReformulation.objects.create(
        challenge=challenge, previous_question=previous, new_question=question, reason=reason, author=author
    )
    audit_record(
        challenge=challenge,
        actor=author,
        action=AuditEntry.Action.QUESTION_REFORMULATED,
        changes={"question": [previous, question], "reason": [None, reason]},
    )
    challenge.question = question
    challenge.save(update_fields=["question", "updated_at"])
    return reformulation


@transaction.atomic
def challenge_set_verdict_sharing(*, challenge: Challenge, actor: User, shares: bool) -> Challenge:
    """Let the open data show (or stop showing) the verdict of the challenge's latest submitted assessment."""
    if challenge.shares_verdict == shares:
        return challenge
    challenge.shares_verdict = shares
    challenge.save(update_fields=["shares_verdict", "updated_at"])
    audit_record(
        challenge=challenge,
        actor=actor,
        action=AuditEntry.Action.UPDATED,
        changes={"shares_verdict": [not shares, shares]},
    )
    return challenge
