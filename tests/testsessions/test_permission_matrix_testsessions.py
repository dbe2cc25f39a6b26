"""Persona × URL for test sessions, stands, feedback and debriefs.

A session is run by its site's facilitators and staff (a facilitator of another site gets 403, a draft
is hidden from everybody else: 404). The stand page needs no account and answers everybody through its
token. Feedback is read by the stand's team, the site's facilitators and staff; the team's owner writes
the debrief. Each POST row also checks what it changed (``EFFECTS``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from challenges.models import QuestionReformulation
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all
from testsessions.models import Debrief, Feedback, Stand, TestSession


def _site(w):
    return [w["site"].pk]


def _session(w):
    return [w["session"].pk]


def _draft(w):
    return [w["draft_session"].pk]


def _other(w):
    return [w["other_session"].pk]


def _stand(w):
    return [w["stand"].pk]


def _stand2(w):
    return [w["stand2"].pk]


def _token(w):
    return [w["stand2"].token]


def _own_token(w):
    return [w["stand"].token]


RUNNERS_GET = {"anonymous": LOGIN, "outsider": 403, "contributor": 403, "owner": 403, "facilitator": 200, "staff": 200}
RUNNERS_POST = {**RUNNERS_GET, "facilitator": 302, "staff": 302}
DRAFT_GET = {**same_for_all(404), "anonymous": LOGIN, "facilitator": 200, "staff": 200}
DRAFT_POST = {**same_for_all(404), "anonymous": LOGIN, "facilitator": 302, "staff": 302}
OTHER_SITE_GET = {**RUNNERS_GET, "facilitator": 403}
FEEDBACK_READERS = {
    "anonymous": LOGIN,
    "outsider": 403,
    "contributor": 200,
    "owner": 200,
    "facilitator": 200,
    "staff": 200,
}
TEAM_LEADS_GET = {**FEEDBACK_READERS, "contributor": 403}
TEAM_LEADS_POST = {**TEAM_LEADS_GET, "owner": 302, "facilitator": 302, "staff": 302}

SESSION_DATA = {
    "title": "Exposition de l'après-midi",
    "place": "Hall",
    "starts_at": "2018-07-11T14:00",
    "ends_at": "2018-07-11T16:00",
}
FEEDBACK_DATA = {"q_clarity": "4", "q_relevance": "partly", "q_change": "Plus d'exemples", "profile": "agent"}
DEBRIEF_DATA = {
    "outcome": "to_rework",
    "conclusions": "Le test est applicable à tous les défis.\nLa dimension usagers est obligatoire.",
}
REFORMULATE_DATA = {"question": "Comment faire avec les parties prenantes ?", "reason": "Le débrief l'a montré."}

CASES = [
    # The tester's pages: the token is the only key; no account needed.
    *cases_for("testsessions:stand", same_for_all(200), args=_token),
    *cases_for("testsessions:stand", same_for_all(404), args=lambda w: ["pas-un-jeton"]),
    *cases_for("testsessions:stand", same_for_all(200), args=lambda w: [w["draft_stand"].token]),
    *cases_for(
        "testsessions:stand",
        {**same_for_all(302), "contributor": 200, "owner": 200},  # a team does not test its own stand
        method="post",
        args=_own_token,
        data=FEEDBACK_DATA,
    ),
    *cases_for("testsessions:stand", same_for_all(302), method="post", args=_token, data=FEEDBACK_DATA),
    *cases_for("testsessions:stand_thanks", same_for_all(200), args=_token),
    # A site's sessions: the list and the calendar for everybody; creating one for its runners.
    *cases_for("testsessions:site_sessions", same_for_all(200), args=_site),
    *cases_for("testsessions:site_calendar", same_for_all(200), args=_site),
    *cases_for("testsessions:session_create", RUNNERS_GET, args=_site),
    *cases_for("testsessions:session_create", RUNNERS_POST, method="post", args=_site, data=SESSION_DATA),
    # One session: its runners only; a draft is hidden from the others.
    *cases_for("testsessions:session_detail", RUNNERS_GET, args=_session),
    *cases_for("testsessions:session_detail", DRAFT_GET, args=_draft),
    *cases_for("testsessions:session_detail", OTHER_SITE_GET, args=_other),
    *cases_for("testsessions:session_edit", RUNNERS_GET, args=_session),
    *cases_for("testsessions:session_edit", DRAFT_POST, method="post", args=_draft, data=SESSION_DATA),
    *cases_for("testsessions:stands_open", DRAFT_POST, method="post", args=_draft),
    *cases_for("testsessions:stand_add", DRAFT_POST, method="post", args=_draft, data={"challenge": "__challenge5__"}),
    *cases_for("testsessions:session_open", DRAFT_POST, method="post", args=_draft),
    *cases_for("testsessions:session_close", RUNNERS_POST, method="post", args=_session, data={"confirmed": "on"}),
    *cases_for(
        "testsessions:session_close",
        {**RUNNERS_POST, "facilitator": 403},
        method="post",
        args=_other,
        data={"confirmed": "on"},
    ),
    *cases_for("testsessions:session_posters", RUNNERS_POST, method="post", args=_session),
    *cases_for("testsessions:session_board", RUNNERS_GET, args=_session),
    *cases_for("testsessions:session_feedback", RUNNERS_GET, args=_session),
    *cases_for("testsessions:session_report", RUNNERS_GET, args=_session),
    *cases_for("testsessions:session_report", RUNNERS_POST, method="post", args=_session, data={"format": "xlsx"}),
    *cases_for(
        "testsessions:feedback_hide",
        RUNNERS_POST,
        method="post",
        args=lambda w: [w["feedback"].pk],
        data={"hidden": "1"},
    ),
    # Stands: the team reads its feedback and poster; its owner edits the stand and debriefs.
    *cases_for("testsessions:stand_edit", TEAM_LEADS_GET, args=_stand),
    *cases_for(
        "testsessions:stand_edit",
        TEAM_LEADS_POST,
        method="post",
        args=_stand,
        data={"location": "Table 9", "prototype": "Un prototype", "questions": "Qu'en pensez-vous ?"},
    ),
    *cases_for("testsessions:stand_remove", DRAFT_POST, method="post", args=lambda w: [w["draft_stand"].pk]),
    *cases_for("testsessions:stand_poster", FEEDBACK_READERS, args=_stand),
    *cases_for("testsessions:debrief_edit", TEAM_LEADS_GET, args=_stand),
    *cases_for("testsessions:debrief_edit", TEAM_LEADS_POST, method="post", args=_stand, data=DEBRIEF_DATA),
    *cases_for("testsessions:debrief_reformulate", TEAM_LEADS_GET, args=_stand),
    *cases_for("testsessions:debrief_reformulate", TEAM_LEADS_POST, method="post", args=_stand, data=REFORMULATE_DATA),
]


def _feedback_count(w) -> int:
    return Feedback.objects.filter(stand=w["stand2"]).count()


# What a successful POST must have changed (checked when the row expects a redirect), and what a refused
# one must have left alone.
EFFECTS: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "testsessions:stand": lambda w: Feedback.objects.filter(answers__relevance="partly").exists(),
    "testsessions:session_create": lambda w: TestSession.objects.filter(title="Exposition de l'après-midi").exists(),
    "testsessions:session_edit": lambda w: TestSession.objects.filter(
        pk=w["draft_session"].pk, title="Exposition de l'après-midi"
    ).exists(),
    "testsessions:stands_open": lambda w: Stand.objects.filter(session=w["draft_session"]).count() > 1,
    "testsessions:stand_add": lambda w: Stand.objects.filter(session=w["draft_session"], challenge__number=5).exists(),
    "testsessions:session_open": lambda w: TestSession.objects.get(pk=w["draft_session"].pk).state == "open",
    "testsessions:session_close": lambda w: TestSession.objects.filter(state="closed").exists(),
    "testsessions:session_posters": lambda w: (
        __import__("innovation.models", fromlist=["Export"])
        .Export.objects.filter(parameters__builder="testsessions.posters", state="done")
        .exists()
    ),
    "testsessions:session_report": lambda w: (
        __import__("innovation.models", fromlist=["Export"])
        .Export.objects.filter(parameters__builder="testsessions.report", state="done")
        .exists()
    ),
    "testsessions:feedback_hide": lambda w: Feedback.objects.get(pk=w["feedback"].pk).hidden,
    "testsessions:stand_edit": lambda w: Stand.objects.get(pk=w["stand"].pk).location == "Table 9",
    "testsessions:stand_remove": lambda w: not Stand.objects.filter(pk=w["draft_stand"].pk).exists(),
    "testsessions:debrief_edit": lambda w: Debrief.objects.get(pk=w["debrief"].pk).outcome == "to_rework",
    "testsessions:debrief_reformulate": lambda w: QuestionReformulation.objects.filter(
        challenge=w["challenge"], new_question=REFORMULATE_DATA["question"]
    ).exists(),
}


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.id} {case.args.__name__ if case.args else ''}")
def test_permission_matrix(case, sessions, personas, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    if case.data.get("challenge") == "__challenge5__":
        from tests.challenges.factories import ChallengeFactory

        extra = ChallengeFactory(site=sessions["site"], number=5)
        case = type(case)(**{**case.__dict__, "data": {"challenge": extra.pk}})

    with django_capture_on_commit_callbacks(execute=True):  # export jobs run, as they would after the commit
        check_case(case, world=sessions, personas=personas)

    effect = EFFECTS.get(case.url_name) if case.method == "post" else None
    if effect is not None:
        changed = effect(sessions)
        assert changed == (case.expected == 302), (
            f"{case.id}: the POST {'did not change' if case.expected == 302 else 'changed'} what it should"
        )
