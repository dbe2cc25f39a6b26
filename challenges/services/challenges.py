"""Create and change challenges: their description, links, attachments, phases, question and status.

Every write records an :class:`~challenges.models.AuditEntry` in the same transaction.
Rules (a question is required, a number is unique on its site, the theme belongs to the
site's edition, the owner organisation is found by name or created with its kind, attachments
are small PDFs, images or office documents) live here and raise ``ValidationError`` keyed by
field, so a form shows them next to the right field. :class:`ChallengeRules` applies them alike
to the challenge form and to every row of an import.
"""

from __future__ import annotations

import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile

from challenges.models import (
    AuditEntry,
    Challenge,
    ChallengeAttachment,
    ChallengeLink,
    PhaseContent,
    QuestionReformulation,
    Site,
    TeamMembership,
    Theme,
)
from challenges.models.challenges import PHASE_ORDER
from challenges.services.audit import audit_changes, audit_entry_build, audit_record
from challenges.services.uploads import file_name_shorten
from innovation.markdown import markdown_store
from innovation.models import Organisation, User

DESCRIPTION_FIELDS: tuple[str, ...] = (
    "number",
    "question",
    "subject",
    "theme",
    "nature",
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

# Markdown texts, rendered into their ``<field>_html`` column in the same write (innovation.markdown).
CHALLENGE_MARKDOWN: tuple[str, ...] = ("stakes", "stakeholders", "users", "obstacles", "levers")
PHASE_MARKDOWN: tuple[str, ...] = ("text", "learnings")

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


# An image larger than this is offered as a download: decoding it to check it would cost too much memory.
INLINE_IMAGE_MAX_PIXELS = 40_000_000


def attachment_is_displayable(*, attachment: ChallengeAttachment) -> bool:
    """Whether a file may be shown in the browser rather than downloaded: an image Pillow really decodes.

    The first bytes are not enough: a file may start like a GIF and go on as HTML (a polyglot), which
    a browser showing it inline could run. Only an image that decodes whole, as the type recorded at upload,
    is shown; anything else (office documents, PDFs, a broken or disguised image) is downloaded.
    """
    if not attachment.content_type.startswith("image/"):
        return False
    # WeasyPrint lets Pillow accept truncated images, for the whole process, once it has rendered a PDF: here an
    # image must decode whole, whatever ran before in this process.
    truncated_allowed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with attachment.file.storage.open(attachment.file.name, "rb") as handle, Image.open(handle) as image:
                if Image.MIME.get(image.format or "") != attachment.content_type:
                    return False
                if image.width * image.height > INLINE_IMAGE_MAX_PIXELS:
                    return False
                image.load()
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return False
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
    return True


# An organisation's kind, from the words French public bodies put in their names ("Ville de Rennes",
# "Dinan Agglomération", "Département d'Ille-et-Vilaine (CD 35)"...); anything else is "other".
ORGANISATION_KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bcnfpt\b", Organisation.Kind.CNFPT),
    (r"^(ville|commune|mairie)\b", Organisation.Kind.COMMUNE),
    (r"\b(metropole|agglomeration|communaute (de communes|d agglomeration|urbaine))\b", Organisation.Kind.EPCI),
    (r"^(departement|conseil departemental)\b|\bcd \d{2,3}\b", Organisation.Kind.DEPARTEMENT),
    (r"^(region|conseil regional)\b", Organisation.Kind.REGION),
    (r"^(etat|prefecture|ministere)\b", Organisation.Kind.STATE),
    (r"^association\b", Organisation.Kind.ASSOCIATION),
)


def organisation_name_normalise(name: str) -> str:
    return " ".join((name or "").split())


def organisation_kind_for_name(*, name: str) -> str:
    """The kind of a new organisation, guessed from its name (staff correct it in the admin)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    plain = " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())
    for pattern, kind in ORGANISATION_KIND_PATTERNS:
        if re.search(pattern, plain):
            return kind
    return Organisation.Kind.OTHER


@dataclass(frozen=True)
class CleanChallenge:
    """A description that follows the rules: its fields, and its organisation (unsaved when it is new)."""

    fields: dict[str, Any]
    organisation: Organisation

    @property
    def new_organisation(self) -> bool:
        return self.organisation.pk is None


class ChallengeRules:
    """The rules of a challenge's description on one site, for a form (one challenge) and an import (a file).

    :meth:`clean` decides the number (required, unique on the site and within the batch), the theme (one
    of the site's edition), the owner organisation (found by name, whatever its case, or a new one with
    its kind) and the rest of the description. What the rules need is loaded here once, in three queries,
    whatever the number of challenges checked.
    """

    def __init__(self, *, site: Site, organisation_names: Iterable[str] = (), exclude_pk: int | None = None) -> None:
        self.site = site
        self.themes = list(Theme.objects.filter(edition_id=site.edition_id).order_by("position", "title"))
        self._themes_by_title = {theme.title.lower(): theme for theme in self.themes}
        self._taken = set(Challenge.objects.filter(site=site).exclude(pk=exclude_pk).values_list("number", flat=True))
        names = {organisation_name_normalise(name).lower() for name in organisation_names} - {""}
        self._organisations = {
            organisation.lowered: organisation
            for organisation in Organisation.objects.annotate(lowered=Lower("name")).filter(lowered__in=names)
        } if names else {}  # fmt: skip
        self._claimed: dict[int, int | None] = {}  # numbers of the batch so far → the line that has each

    def clean(
        self, *, fields: Mapping[str, Any], organisation: str | Organisation, line: int | None = None
    ) -> CleanChallenge:
        """The description ready to write, or ``ValidationError`` keyed by field (every error at once)."""
        errors: dict[str, ValidationError] = {}
        clean = {field: fields[field] for field in DESCRIPTION_FIELDS if field in fields}
        question = " ".join((fields.get("question") or "").split())
        clean["question"] = question
        if not question:
            errors["question"] = ValidationError(_("Write the working question of the challenge."), code="required")
        number_error = self._number_error(fields.get("number"), line)
        if number_error:
            errors["number"] = number_error
        if "theme" in fields:
            try:
                clean["theme"] = self._theme(fields["theme"])
            except ValidationError as error:
                errors["theme"] = error
        figures = fields.get("territory_figures") or []
        if not isinstance(figures, list) or any(
            not isinstance(item, dict) or set(item) != {"label", "value"} for item in figures
        ):
            errors["territory_figures"] = ValidationError(_("Each figure needs a label and a value."), code="figures")
        try:
            owner = self._organisation(organisation)
        except ValidationError as error:
            errors["organisation"] = error
        if errors:
            raise ValidationError(errors)
        return CleanChallenge(fields=clean, organisation=owner)

    def is_new_organisation(self, *, name: str) -> bool:
        """Whether ``name`` names no organisation yet (it would be created)."""
        key = organisation_name_normalise(name).lower()
        if not key:
            return False
        known = self._organisations.get(key)
        return known is None or known.pk is None

    def _number_error(self, number: int | None, line: int | None) -> ValidationError | None:
        if number is None:
            return ValidationError(_("Give the challenge a number."), code="required")
        if number < 1:
            return ValidationError(_("A challenge's number starts at 1."), code="number_min")
        if number in self._taken:
            return ValidationError(
                _("Challenge %(number)s already exists on this site: choose another number."),
                code="number_taken",
                params={"number": number},
            )
        if number in self._claimed:
            return ValidationError(
                _("Number %(number)s is already used on line %(line)s of this file."),
                code="number_twice",
                params={"number": number, "line": self._claimed[number]},
            )
        self._claimed[number] = line
        return None

    def _theme(self, theme: Theme | str | None) -> Theme | None:
        if theme is None or theme == "":
            return None
        if isinstance(theme, Theme):
            if theme.edition_id != self.site.edition_id:
                raise ValidationError(_("Choose a theme of this edition."), code="unknown_theme")
            return theme
        found = self._themes_by_title.get(str(theme).strip().lower())
        if found is None:
            raise ValidationError(
                _("Unknown theme for this edition. Known themes: %(themes)s."),
                code="unknown_theme",
                params={"themes": ", ".join(f"«\u00a0{theme.title}\u00a0»" for theme in self.themes) or _("none")},
            )
        return found

    def _organisation(self, organisation: str | Organisation) -> Organisation:
        if isinstance(organisation, Organisation):
            return organisation
        name = organisation_name_normalise(organisation)
        if not name:
            raise ValidationError(_("Name the owner organisation."), code="required")
        key = name.lower()
        if key not in self._organisations:
            # Found later by the same name, whatever its case: rows naming it share one new organisation.
            self._organisations[key] = Organisation(name=name, kind=organisation_kind_for_name(name=name))
        return self._organisations[key]


def organisations_save(*, organisations: Iterable[Organisation]) -> None:
    """Write the new organisations among ``organisations`` (one query); one written meanwhile is reused."""
    new = {organisation.name.lower(): organisation for organisation in organisations if organisation.pk is None}
    if not new:
        return
    Organisation.objects.bulk_create(new.values(), ignore_conflicts=True)
    # ignore_conflicts leaves the primary keys empty: read them back, with a concurrent writer's rows.
    for saved in Organisation.objects.annotate(lowered=Lower("name")).filter(lowered__in=list(new)):
        new[saved.lowered].pk = saved.pk


# --- Writes -----------------------------------------------------------------


def _description(challenge: Challenge) -> dict[str, Any]:
    values = {field: getattr(challenge, field) for field in DESCRIPTION_FIELDS}
    values["organisation"] = challenge.organisation
    return values


def _links_snapshot(challenge: Challenge) -> list[str]:
    return [f"{link.title} <{link.url}>" for link in challenge.links.all()]


TITLE_MAX = ChallengeAttachment._meta.get_field("title").max_length


def challenge_content_changed(*, challenge_id: int) -> None:
    """Record, in the current transaction, that the challenge's phases, key ideas, links or files changed.

    The challenge's ``updated_at`` is the version of the challenge page's cached fragments
    (``challenge_detail.html``): every service that writes those rows calls this, and the next reader gets them
    rendered afresh, whichever server it asks. A full save of the challenge moves ``updated_at`` as well.
    """
    Challenge.objects.filter(pk=challenge_id).update(updated_at=timezone.now())


def _attachment_add(*, challenge: Challenge, actor: User | None, item: AttachmentInput) -> ChallengeAttachment:
    mime = attachment_check(file=item.file)
    attachment = ChallengeAttachment.objects.create(
        challenge=challenge,
        phase=item.phase,
        title=file_name_shorten(item.title or os.path.basename(item.file.name or ""), limit=TITLE_MAX),
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
    challenge_content_changed(challenge_id=challenge.pk)
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


def challenge_check(
    *, site: Site, fields: Mapping[str, Any], organisation: Organisation | str, exclude_pk: int | None = None
) -> None:
    """Check a description against the rules, writing nothing: a form that has other errors (a file of the
    wrong type, say) shows these too, in the same round. Raises ``ValidationError`` keyed by field."""
    names = [organisation] if isinstance(organisation, str) else []
    ChallengeRules(site=site, organisation_names=names, exclude_pk=exclude_pk).clean(
        fields=fields, organisation=organisation
    )


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
    names = [organisation] if isinstance(organisation, str) else []
    clean = ChallengeRules(site=site, organisation_names=names).clean(fields=fields, organisation=organisation)
    organisations_save(organisations=[clean.organisation])
    challenge = Challenge(site=site, organisation=clean.organisation, status=status, **clean.fields)
    markdown_store(challenge, *CHALLENGE_MARKDOWN)
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
    if site.facilitators.filter(pk=author.pk).exists():
        # The facilitator who writes a challenge runs it with its team: they are on it from the start.
        TeamMembership.objects.create(
            challenge=challenge, person=author, role=TeamMembership.Role.FACILITATOR, job_title=author.job_title
        )
        audit_record(
            challenge=challenge,
            actor=author,
            action=AuditEntry.Action.MEMBER_ADDED,
            changes={"person": [None, str(author)], "role": [None, TeamMembership.Role.FACILITATOR]},
        )
    return challenge


@transaction.atomic
def challenges_create_many(
    *,
    site: Site,
    author: User | None,
    challenges: Sequence[CleanChallenge],
    status: str = Challenge.Status.DRAFT,
    source: str = "",
) -> list[Challenge]:
    """Create challenges checked by one :class:`ChallengeRules` (an import), each with its audit entry.

    The entry names ``author`` and ``source`` (the imported file). A query per table, whatever the number.
    """
    organisations_save(organisations=[item.organisation for item in challenges])
    built = [Challenge(site=site, organisation=item.organisation, status=status, **item.fields) for item in challenges]
    for challenge in built:
        markdown_store(challenge, *CHALLENGE_MARKDOWN)
    created = Challenge.objects.bulk_create(built)
    AuditEntry.objects.bulk_create(
        [
            audit_entry_build(
                challenge=challenge,
                actor=author,
                action=AuditEntry.Action.IMPORTED,
                changes={
                    **audit_changes(before={}, after={**_description(challenge), "status": challenge.status}),
                    **({"file": [None, source]} if source else {}),
                },
            )
            for challenge in created
        ]
    )
    return created


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
    merged = {**{f: getattr(challenge, f) for f in DESCRIPTION_FIELDS}, **fields}
    rules = ChallengeRules(
        site=challenge.site,
        organisation_names=[organisation] if isinstance(organisation, str) else [],
        exclude_pk=challenge.pk,
    )
    clean = rules.clean(fields=merged, organisation=organisation)
    organisations_save(organisations=[clean.organisation])
    # What is stored, not the instance: a bound ModelForm has already copied its data onto ``challenge``.
    stored = (
        Challenge.objects.select_for_update(of=("self",)).select_related("organisation", "theme").get(pk=challenge.pk)
    )
    before = _description(stored)
    links_before = _links_snapshot(challenge)
    for field in DESCRIPTION_FIELDS:
        if field in fields:
            setattr(challenge, field, clean.fields[field])
    challenge.organisation = clean.organisation
    markdown_store(challenge, *CHALLENGE_MARKDOWN)
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
            challenge_content_changed(challenge_id=challenge.pk)
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
    """Remove an attachment; its file is deleted once the removal is committed (a rollback keeps both)."""
    challenge = attachment.challenge
    title = attachment.title
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(partial(storage.delete, name))
    audit_record(
        challenge=challenge,
        actor=actor,
        action=AuditEntry.Action.ATTACHMENT_REMOVED,
        changes={"attachment": [title, None]},
    )
    challenge_content_changed(challenge_id=challenge.pk)


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
    challenge.save(update_fields=["phase", "updated_at"])  # updated_at: the timeline's states change
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
    markdown_store(content, *PHASE_MARKDOWN)
    content.save()
    challenge_content_changed(challenge_id=challenge.pk)
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
