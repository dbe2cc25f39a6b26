"""A team's debrief of its test: validated or to rework, numbered conclusions.

Saving a debrief writes it into the challenge's test-phase learnings through the challenge services
(``phase_content_update``, which keeps the audit trail): its block replaces the one it wrote last time,
and whatever the team wrote there by hand stays. The debrief then prefills the question reformulation,
which goes through ``challenge_reformulate_question`` (the question's history is kept).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge, PhaseContent, QuestionReformulation
from challenges.services.challenges import challenge_reformulate_question, phase_content_update
from innovation.models import User
from testsessions.models import Debrief, Stand, TestSession
from testsessions.services.sessions import session_reports_changed

MAX_CONCLUSIONS = 12
CONCLUSION_MAX_LENGTH = 600


def _conclusions_clean(conclusions: Sequence[str]) -> list[str]:
    cleaned = [" ".join(text.split()) for text in conclusions if text and text.strip()]
    errors = []
    if not cleaned:
        errors.append(ValidationError(_("Write at least one conclusion."), code="required"))
    if len(cleaned) > MAX_CONCLUSIONS:
        errors.append(ValidationError(_("Keep to %(max)s conclusions."), params={"max": MAX_CONCLUSIONS}))
    if any(len(text) > CONCLUSION_MAX_LENGTH for text in cleaned):
        errors.append(
            ValidationError(_("Keep each conclusion under %(max)s characters."), params={"max": CONCLUSION_MAX_LENGTH})
        )
    if errors:
        raise ValidationError({"conclusions": errors})
    return cleaned


def debrief_learnings_block(*, debrief: Debrief) -> str:
    """The Markdown the debrief writes into the test phase's learnings (in the current language)."""
    session = debrief.session
    day = formats.date_format(timezone.localtime(session.starts_at), "j N Y")
    heading = gettext("Debrief of “%(title)s” (%(day)s): %(outcome)s") % {
        "title": session.title,
        "day": day,
        "outcome": debrief.get_outcome_display().lower(),
    }
    lines = [f"**{heading}**", ""]
    lines += [f"{number}. {text}" for number, text in enumerate(debrief.conclusions, start=1)]
    return "\n".join(lines)


def _learnings_merge(current: str, previous_block: str, block: str) -> str:
    if previous_block and previous_block in current:
        return current.replace(previous_block, block)
    return f"{current.rstrip()}\n\n{block}".strip() if current.strip() else block


@transaction.atomic
def debrief_save(
    *, stand: Stand, author: User, outcome: str, conclusions: Sequence[str], feed_learnings: bool = True
) -> Debrief:
    """Write (or rewrite) the team's debrief of ``stand``'s session and feed the test-phase learnings.

    ``feed_learnings=False`` is for the demo only: the challenges' demo owns every phase's text and its
    loader would take the block out again at each load.
    """
    errors: dict[str, ValidationError] = {}
    if outcome not in Debrief.Outcome.values:
        errors["outcome"] = ValidationError(_("Say whether the prototype is validated or to rework."), code="outcome")
    try:
        cleaned = _conclusions_clean(conclusions)
    except ValidationError as error:
        errors.update(error.error_dict)
        cleaned = []
    if stand.session.state == TestSession.State.DRAFT:
        errors[NON_FIELD_ERRORS] = ValidationError(
            _("The session has not taken place yet: debrief after it."), code="draft"
        )
    if errors:
        raise ValidationError(errors)
    debrief = Debrief.objects.select_for_update().filter(session=stand.session, challenge=stand.challenge).first()
    if debrief is None:
        debrief = Debrief(session=stand.session, challenge=stand.challenge)
    debrief.outcome = outcome
    debrief.conclusions = cleaned
    debrief.author = author
    session_reports_changed(session_ids=[stand.session_id])
    if not feed_learnings:
        debrief.save()
        return debrief
    block = debrief_learnings_block(debrief=debrief)
    challenge = Challenge.objects.select_for_update().get(pk=stand.challenge_id)
    content = PhaseContent.objects.filter(challenge=challenge, phase=Challenge.Phase.TEST).first()
    current_text = content.text if content else ""
    current_learnings = content.learnings if content else ""
    phase_content_update(
        challenge=challenge,
        actor=author,
        phase=Challenge.Phase.TEST,
        text=current_text,
        learnings=_learnings_merge(current_learnings, debrief.learnings_block, block),
    )
    debrief.learnings_block = block
    debrief.save()
    return debrief


def debrief_reformulation_initial(*, debrief: Debrief) -> dict[str, str]:
    """What the reformulation form starts with: the current question, and the conclusions as the reason."""
    reason = gettext("In the light of the debrief of “%(title)s”:") % {"title": debrief.session.title}
    numbered = "\n".join(f"{number}. {text}" for number, text in enumerate(debrief.conclusions, start=1))
    return {"question": debrief.challenge.question, "reason": f"{reason}\n{numbered}"}


def debrief_reformulate(*, debrief: Debrief, author: User, question: str, reason: str) -> QuestionReformulation:
    """Reformulate the challenge's question from its debrief (the challenge service keeps the history)."""
    return challenge_reformulate_question(challenge=debrief.challenge, author=author, question=question, reason=reason)
