"""Testers' feedback: one per tester and stand, editable while the session is open, hidden by a facilitator.

A tester is a signed-in person or an anonymous browser, known by the random key of its cookie. A signed-in
participant's visit counts for their own team on the site ("testeurs des autres défis"); a team does not
test its own stand. Anonymous submissions are limited per browser key and per address
(:func:`feedback_rate_allowed`), with Django's cache as the counter (Redis in production).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from challenges.models import TeamMembership
from innovation.models import User
from testsessions.models import Feedback, FeedbackQuestion, Profile, Stand, TestSession
from testsessions.services import notifications
from testsessions.services.feedback_forms import TEXT_MAX_LENGTH
from testsessions.services.sessions import session_reports_changed

logger = logging.getLogger(__name__)

# (submissions, seconds) per window. A browser gives a feedback every few seconds at most; a whole
# exhibition often shares the venue's one public address, hence the wide limit per address.
RATE_LIMITS: dict[str, tuple[int, int]] = {"browser": (20, 600), "address": (600, 600)}


class SessionNotOpen(Exception):
    """The stand's session is a draft or closed: no feedback is taken."""

    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state


def feedback_rate_allowed(*, browser_key: str, address: str) -> bool:
    """Count one anonymous submission; False once the browser or the address is over its limit.

    Fixed windows in the cache (``add`` then ``incr``, both atomic in Redis). When the cache is down the
    submission is let through: losing a tester's answer would be worse than a missed limit.
    """
    allowed = True
    window_now = time.time()
    for scope, value in (("browser", browser_key), ("address", address)):
        if not value:
            continue
        limit, seconds = RATE_LIMITS[scope]
        digest = hashlib.sha256(value.encode()).hexdigest()[:24]
        key = f"testsessions:rate:{scope}:{digest}:{int(window_now // seconds)}"
        try:
            cache.add(key, 0, timeout=seconds)
            count = cache.incr(key)
        except Exception:  # the cache is down or evicted the key: let the tester through
            logger.warning("Feedback rate limit not counted (cache unavailable)", exc_info=True)
            continue
        if count > limit:
            allowed = False
    return allowed


def _clean_answer(question: FeedbackQuestion, raw: Any) -> Any:
    """The stored value of one answer (None when unanswered); raises a ``ValidationError`` for this question."""
    value = raw.strip() if isinstance(raw, str) else raw
    if value in (None, ""):
        return None
    if question.kind == FeedbackQuestion.Kind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= question.scale_max:
            raise ValidationError(
                _("Choose a value from 1 to %(max)s."), code="scale", params={"max": question.scale_max}
            )
        return number
    if question.kind == FeedbackQuestion.Kind.CHOICE:
        if value not in {choice["value"] for choice in question.choices}:
            raise ValidationError(_("Choose one of the answers offered."), code="choice")
        return value
    text = str(value)
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Keep it to %(max)s characters (you wrote %(length)s)."),
            code="too_long",
            params={"max": TEXT_MAX_LENGTH, "length": len(text)},
        )
    return text


def feedback_answers_clean(*, questions: Sequence[FeedbackQuestion], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to store, by question key; raises ``ValidationError`` keyed by question key."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, ValidationError] = {}
    for question in questions:
        try:
            value = _clean_answer(question, answers.get(question.key))
        except ValidationError as error:
            errors[question.key] = error
            continue
        if value is not None:
            cleaned[question.key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _team_answers_clean(*, stand: Stand, team_answers: Sequence[str]) -> list[dict[str, str]]:
    pairs = []
    errors: dict[str, ValidationError] = {}
    for index, question in enumerate(stand.team_questions):
        answer = (team_answers[index] if index < len(team_answers) else "").strip()
        if len(answer) > TEXT_MAX_LENGTH:
            errors[f"team_{index}"] = ValidationError(
                _("Keep it to %(max)s characters (you wrote %(length)s)."),
                code="too_long",
                params={"max": TEXT_MAX_LENGTH, "length": len(answer)},
            )
        elif answer:
            pairs.append({"question": question, "answer": answer})
    if errors:
        raise ValidationError(errors)
    return pairs


def visiting_team_for(*, person: User | None, stand: Stand) -> int | None:
    """The challenge id of the tester's own team on the stand's site (the lowest number if several).

    Raises a ``ValidationError`` when the tester is on the stand's own team: other teams test a prototype.
    """
    if person is None or not person.is_authenticated:
        return None
    team_ids = list(
        TeamMembership.objects.filter(person=person, challenge__site_id=stand.session.site_id)
        .order_by("challenge__number")
        .values_list("challenge_id", flat=True)
    )
    if stand.challenge_id in team_ids:
        raise ValidationError(
            _("This is your own team's stand: the testers of the other challenges answer here."), code="own_stand"
        )
    return team_ids[0] if team_ids else None


def feedback_existing(*, stand: Stand, tester: User | None, browser_key: str) -> Feedback | None:
    """The feedback this tester already gave on this stand, if any."""
    if tester is not None and tester.is_authenticated:
        return Feedback.objects.filter(stand=stand, tester=tester).first()
    if not browser_key:
        return None
    return Feedback.objects.filter(stand=stand, tester__isnull=True, browser_key=browser_key).first()


@transaction.atomic
def feedback_submit(
    *,
    stand: Stand,
    tester: User | None,
    browser_key: str,
    profile: str,
    answers: Mapping[str, Any],
    team_answers: Sequence[str] = (),
    questions: Sequence[FeedbackQuestion] | None = None,
) -> tuple[Feedback, bool]:
    """Record (or change) a tester's feedback on a stand. Returns it and whether it is new.

    Raises :class:`SessionNotOpen` unless the session is open, and ``ValidationError`` (keyed by question
    key, ``team_<n>``, ``profile``, or for the whole form) when the answers break a rule.
    """
    state = TestSession.objects.filter(pk=stand.session_id).values_list("state", flat=True).first()
    if state != TestSession.State.OPEN:
        raise SessionNotOpen(state or TestSession.State.CLOSED)
    signed_in = tester is not None and tester.is_authenticated
    if not signed_in and not browser_key:
        raise ValidationError(_("Your browser refused our cookie: allow cookies to answer."), code="no_key")
    if questions is None:
        questions = list(stand.session.form.questions.all())
    errors: dict[str, Any] = {}
    try:
        cleaned = feedback_answers_clean(questions=questions, answers=answers)
    except ValidationError as error:
        errors.update(error.error_dict)
        cleaned = {}
    try:
        pairs = _team_answers_clean(stand=stand, team_answers=team_answers)
    except ValidationError as error:
        errors.update(error.error_dict)
        pairs = []
    if profile not in Profile.values and profile != "":
        errors["profile"] = ValidationError(_("Choose one of the profiles offered."), code="profile")
    if errors:
        raise ValidationError(errors)
    if not cleaned and not pairs:
        raise ValidationError(_("Answer at least one question before sending."), code="empty")
    visiting = visiting_team_for(person=tester if signed_in else None, stand=stand)
    if visiting is not None and not profile:
        profile = Profile.PARTICIPANT
    values = {
        "visiting_challenge_id": visiting,
        "profile": profile,
        "answers": cleaned,
        "team_answers": pairs,
    }
    lookup = {"tester": tester} if signed_in else {"tester": None, "browser_key": browser_key}
    feedback = Feedback.objects.select_for_update().filter(stand=stand, **lookup).first()
    created = feedback is None
    if created:
        try:
            with transaction.atomic():
                feedback = Feedback.objects.create(
                    stand=stand, tester=tester if signed_in else None, browser_key=browser_key[:64], **values
                )
        except IntegrityError:  # the same tester's other request won the race: change that one
            feedback = Feedback.objects.select_for_update().get(stand=stand, **lookup)
            created = False
    if not created:
        for name, value in values.items():
            setattr(feedback, name, value)
        feedback.save(update_fields=[*values.keys(), "updated_at"])
    session_reports_changed(session_ids=[stand.session_id])
    if created:
        notifications.notify_feedback(feedback=feedback)
    return feedback, created


@transaction.atomic
def feedback_set_hidden(*, feedback: Feedback, actor: User, hidden: bool) -> Feedback:
    """Hide a feedback from the team and the counts (moderation), or show it again."""
    feedback.hidden = hidden
    feedback.hidden_by = actor if hidden else None
    feedback.save(update_fields=["hidden", "hidden_by", "updated_at"])
    session_reports_changed(session_ids=[feedback.stand.session_id])
    return feedback
