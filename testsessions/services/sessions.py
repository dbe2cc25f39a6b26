"""Test sessions and their stands: create, prepare, open, close.

A session is prepared as a draft (its stands, their posters), opened for the exhibition (testers can then
answer) and closed (feedback is locked). Stands are opened in bulk for the site's published challenges in
the prototype or test phase, or one by one; each gets a short token for its URL and QR code.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge, PhaseContent, Site
from innovation.models import User
from testsessions import selectors
from testsessions.models import FeedbackForm, Stand, TestSession
from testsessions.services import notifications
from testsessions.services.feedback_forms import feedback_form_default_ensure, feedback_form_is_used

# Lower-case letters and digits a person cannot confuse when typing the short URL from a poster.
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet, not a secret
TOKEN_LENGTH = 10  # 31**10: about 8e14 tokens
PROTOTYPE_PREFILL_CHARS = 600
STAND_PHASES = (Challenge.Phase.PROTOTYPE, Challenge.Phase.TEST)


def session_reports_changed(*, session_ids: Iterable[int]) -> None:
    """Move the sessions' ``updated_at``: the challenge pages cache their stands' reports under it
    (``testsessions/_challenge_feedback.html``). Every write that changes a report (a feedback given, edited or
    hidden, a debrief, a stand added or taken away) calls it, in its own transaction."""
    TestSession.objects.filter(pk__in=list(session_ids)).update(updated_at=timezone.now())


def stand_token_new() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def _session_validate(*, title: str, starts_at: datetime.datetime | None, ends_at: datetime.datetime | None) -> None:
    errors: dict[str, ValidationError] = {}
    if not title.strip():
        errors["title"] = ValidationError(_("Give the session a title."), code="required")
    if starts_at is None:
        errors["starts_at"] = ValidationError(_("Say when the session starts."), code="required")
    if ends_at is None:
        errors["ends_at"] = ValidationError(_("Say when the session ends."), code="required")
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = ValidationError(_("The session must end after it starts."), code="dates_order")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    site: Site,
    author: User,
    title: str,
    place: str,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    form: FeedbackForm | None = None,
) -> TestSession:
    """A draft session on ``site``, asking the default feedback form unless told otherwise."""
    _session_validate(title=title, starts_at=starts_at, ends_at=ends_at)
    return TestSession.objects.create(
        site=site,
        title=" ".join(title.split()),
        place=place.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        form=form or feedback_form_default_ensure(),
        created_by=author,
    )


@transaction.atomic
def session_update(
    *,
    session: TestSession,
    actor: User,
    title: str,
    place: str,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    form: FeedbackForm | None = None,
) -> TestSession:
    """Change a session's title, place, dates and (until it has feedback) its form."""
    _session_validate(title=title, starts_at=starts_at, ends_at=ends_at)
    session = TestSession.objects.select_for_update().get(pk=session.pk)
    if form is not None and form.pk != session.form_id:
        if session.state != TestSession.State.DRAFT or feedback_form_is_used(form=session.form):
            raise ValidationError(
                {"form": ValidationError(_("The form cannot change once the session is open."), code="form_locked")}
            )
        session.form = form
    session.title = " ".join(title.split())
    session.place = place.strip()
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.save()
    return session


def _prototype_prefill(challenge: Challenge) -> str:
    """The prototype phase's text, cut to a few lines at a word boundary."""
    text = (
        PhaseContent.objects.filter(challenge=challenge, phase=Challenge.Phase.PROTOTYPE)
        .values_list("text", flat=True)
        .first()
        or challenge.subject
        or ""
    ).strip()
    if len(text) <= PROTOTYPE_PREFILL_CHARS:
        return text
    return text[:PROTOTYPE_PREFILL_CHARS].rsplit(" ", 1)[0] + " …"


def _stand_create(*, session: TestSession, challenge: Challenge) -> Stand:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Stand.objects.create(
                    session=session,
                    challenge=challenge,
                    position=challenge.number,
                    prototype=_prototype_prefill(challenge),
                    token=stand_token_new(),
                )
        except IntegrityError:
            if Stand.objects.filter(session=session, challenge=challenge).exists():
                raise ValidationError(
                    {"challenge": ValidationError(_("This challenge already has a stand."), code="stand_exists")}
                ) from None
    raise RuntimeError("no free stand token after five tries")  # 31**10 tokens: never in practice


def _session_editable(session: TestSession) -> None:
    if session.state == TestSession.State.CLOSED:
        raise ValidationError(_("This session is closed: its stands can no longer change."), code="closed")


@transaction.atomic
def stands_open_for_prototypes(*, session: TestSession, actor: User) -> list[Stand]:
    """A stand for every published challenge of the site in the prototype or test phase that has none yet."""
    session = TestSession.objects.select_for_update().select_related("site").get(pk=session.pk)
    _session_editable(session)
    challenges = (
        Challenge.objects.filter(site=session.site, status=Challenge.Status.PUBLISHED, phase__in=STAND_PHASES)
        .exclude(stands__session=session)
        .order_by("number")
    )
    stands = [_stand_create(session=session, challenge=challenge) for challenge in challenges]
    session_reports_changed(session_ids=[session.pk])
    if session.is_open and stands:
        notifications.notify_stands_opened(session=session, stands=stands)
    return stands


@transaction.atomic
def stand_create(*, session: TestSession, actor: User, challenge: Challenge) -> Stand:
    """A stand for one challenge of the session's site, whatever its phase (it must be published)."""
    session = TestSession.objects.select_for_update().select_related("site").get(pk=session.pk)
    _session_editable(session)
    if challenge.site_id != session.site_id:
        raise ValidationError({"challenge": ValidationError(_("Choose a challenge of this site."), code="site")})
    if challenge.status != Challenge.Status.PUBLISHED:
        raise ValidationError(
            {"challenge": ValidationError(_("Publish the challenge before it gets a stand."), code="draft")}
        )
    if Stand.objects.filter(session=session, challenge=challenge).exists():
        raise ValidationError(
            {"challenge": ValidationError(_("This challenge already has a stand."), code="stand_exists")}
        )
    stand = _stand_create(session=session, challenge=challenge)
    session_reports_changed(session_ids=[session.pk])
    if session.is_open:
        notifications.notify_stands_opened(session=session, stands=[stand])
    return stand


def _lines(text: str, *, limit: int) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())[:limit]


@transaction.atomic
def stand_update(*, stand: Stand, actor: User, location: str, prototype: str, questions: str) -> Stand:
    """Change where the stand is, how its prototype is told and what the team asks testers."""
    _session_editable(stand.session)
    errors = {}
    if len(prototype) > 1200:
        errors["prototype"] = ValidationError(_("Tell the prototype in a few lines (1,200 characters at most)."))
    if len([line for line in questions.splitlines() if line.strip()]) > 5:
        errors["questions"] = ValidationError(_("Ask five questions at most: testers answer in a minute."))
    if errors:
        raise ValidationError(errors)
    stand.location = location.strip()[:120]
    stand.prototype = prototype.strip()
    stand.questions = _lines(questions, limit=1200)
    stand.save(update_fields=["location", "prototype", "questions"])
    return stand


@transaction.atomic
def stand_remove(*, stand: Stand, actor: User) -> None:
    """Take a stand out of a session, as long as nobody answered on it."""
    _session_editable(stand.session)
    if stand.feedback.exists():
        raise ValidationError(_("Testers already answered on this stand: it stays."), code="has_feedback")
    stand.delete()
    session_reports_changed(session_ids=[stand.session_id])


@transaction.atomic
def session_open(*, session: TestSession, actor: User) -> TestSession:
    """Draft → open: testers can answer; each team with a stand is told, with its poster."""
    session = TestSession.objects.select_for_update().select_related("site").get(pk=session.pk)
    if session.state != TestSession.State.DRAFT:
        raise ValidationError(_("Only a draft session can be opened."), code="not_draft")
    stands = list(session.stands.select_related("challenge"))
    if not stands:
        raise ValidationError(_("Open at least one stand before opening the session."), code="no_stand")
    session.state = TestSession.State.OPEN
    session.opened_at = timezone.now()
    session.save(update_fields=["state", "opened_at"])
    notifications.notify_stands_opened(session=session, stands=stands)
    return session


@transaction.atomic
def session_close(*, session: TestSession, actor: User) -> TestSession:
    """Open → closed: feedback is locked; the site's facilitators get the coverage summary."""
    session = TestSession.objects.select_for_update().select_related("site").get(pk=session.pk)
    if session.state != TestSession.State.OPEN:
        raise ValidationError(_("Only an open session can be closed."), code="not_open")
    session.state = TestSession.State.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["state", "closed_at"])
    notifications.notify_session_closed(session=session, summary=selectors.session_summary(session=session))
    return session
