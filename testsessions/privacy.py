"""What test sessions hold about a person, for their data download (GDPR articles 15 and 20).

A signed-in tester's feedback and a team member's debriefs are contributions to other people's work:
when the person deletes their account they stay, attributed to the anonymised person (see
innovation.privacy); the pages never show a tester's name, so nothing here needs erasing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from innovation.models import User
from innovation.privacy import personal_data_register
from testsessions.models import Debrief, Feedback, team_label


def feedback_rows(*, person: User) -> Iterator[dict[str, Any]]:
    rows = Feedback.objects.filter(tester=person).select_related("stand__session__site", "visiting_challenge")
    for item in rows.order_by("created_at", "id"):
        session = item.stand.session
        yield {
            "site": session.site.place,
            "session": session.title,
            "stand": item.stand.label,
            "given": item.created_at,
            "updated": item.updated_at,
            "profile": item.profile,
            "visiting_team": team_label(item.visiting_challenge.number) if item.visiting_challenge_id else "",
            "answers": item.answers,
            "team_answers": item.team_answers,
            "hidden_by_a_facilitator": item.hidden,
        }


def debrief_rows(*, person: User) -> Iterator[dict[str, Any]]:
    rows = Debrief.objects.filter(author=person).select_related("session__site", "challenge")
    for debrief in rows.order_by("created_at", "id"):
        yield {
            "site": debrief.session.site.place,
            "session": debrief.session.title,
            "challenge": debrief.challenge.number,
            "outcome": debrief.outcome,
            "conclusions": debrief.conclusions,
            "updated": debrief.updated_at,
        }


def register() -> None:
    personal_data_register("test_feedback", feedback_rows)
    personal_data_register("test_debriefs", debrief_rows)
