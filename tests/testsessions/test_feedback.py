"""A tester's feedback: one per tester and stand, editable while open, refused when empty or closed,
limited per browser and address, a honeypot for robots, and the team told in the digest only."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from innovation.models import Delivery, Notification
from tests.testsessions.factories import FeedbackFactory
from testsessions.models import Feedback, TestSession
from testsessions.services import feedback as services
from testsessions.views import TESTER_COOKIE

pytestmark = pytest.mark.django_db

ANSWERS = {"clarity": "4", "relevance": "validated", "useful": "", "change": "Des exemples concrets"}


def _submit(stand, *, tester=None, key="browser-key-tester-01", answers=ANSWERS, **kwargs):
    return services.feedback_submit(
        stand=stand, tester=tester, browser_key=key, profile=kwargs.pop("profile", ""), answers=answers, **kwargs
    )


def test_an_anonymous_tester_answers_once_and_edits_their_answer(sessions):
    stand = sessions["stand2"]

    first, created = _submit(stand)
    again, created_again = _submit(stand, answers={**ANSWERS, "clarity": "2"})

    assert created and not created_again and first.pk == again.pk
    assert Feedback.objects.get(pk=first.pk).answers == {
        "clarity": 2,
        "relevance": "validated",
        "change": "Des exemples concrets",
    }


def test_a_signed_in_participant_counts_for_their_own_team_and_not_the_stand_s(sessions, owner, outsider):
    # Given the owner of challenge 1 (a stand) visits stand 2 (challenge 3)
    feedback, _ = _submit(sessions["stand2"], tester=owner)

    assert feedback.visiting_challenge_id == sessions["challenge"].pk
    assert feedback.profile == "participant"
    # Someone on no team of the site: no visiting team
    assert _submit(sessions["stand2"], tester=outsider)[0].visiting_challenge_id is None


def test_a_team_cannot_test_its_own_stand(sessions, contributor):
    with pytest.raises(ValidationError) as error:
        _submit(sessions["stand"], tester=contributor)

    assert error.value.code == "own_stand"


def test_empty_feedback_is_refused_with_a_message(sessions):
    with pytest.raises(ValidationError) as error:
        _submit(sessions["stand2"], answers={"clarity": "", "relevance": "", "change": "   "})

    assert error.value.messages == ["Répondez à au moins une question avant d’envoyer."]
    assert Feedback.objects.filter(stand=sessions["stand2"]).count() == 1  # only the world's own


def test_answers_outside_the_form_are_refused_question_by_question(sessions):
    with pytest.raises(ValidationError) as error:
        _submit(sessions["stand2"], answers={"clarity": "9", "relevance": "maybe", "change": "x" * 501})

    assert set(error.value.error_dict) == {"clarity", "relevance", "change"}


def test_no_feedback_outside_an_open_session(sessions):
    TestSession.objects.filter(pk=sessions["session"].pk).update(state=TestSession.State.CLOSED)

    with pytest.raises(services.SessionNotOpen):
        _submit(sessions["stand2"])
    with pytest.raises(services.SessionNotOpen):
        _submit(sessions["draft_stand"])


def test_the_team_hears_of_new_feedback_once_a_day_per_stand_in_the_digest_only(
    sessions, owner, contributor, django_capture_on_commit_callbacks
):
    # Given the owner chose immediate e-mails (the default) for test sessions
    with django_capture_on_commit_callbacks(execute=True):
        _submit(sessions["stand"], key="browser-key-visitor-1")
        _submit(sessions["stand"], key="browser-key-visitor-1", answers={**ANSWERS, "clarity": "5"})  # an edit
        _submit(sessions["stand"], key="browser-key-visitor-2")  # another tester, the same day

    rows = Notification.objects.filter(kind="testsession_feedback")
    assert sorted(row.recipient_id for row in rows) == sorted([owner.pk, contributor.pk])
    assert {row.delivery for row in rows} == {Delivery.DIGEST}
    assert rows[0].context["stand"] == "Défi 1"
    assert mail.outbox == []


# --- Through the stand page -------------------------------------------------------------


def _page(sessions):
    return reverse("testsessions:stand", args=[sessions["stand2"].token])


def test_the_page_sets_a_browser_key_and_the_answer_goes_to_the_thank_you_page(client, sessions):
    response = client.get(_page(sessions))
    assert response.status_code == 200 and TESTER_COOKIE in response.cookies

    response = client.post(_page(sessions), {"q_clarity": "5", "q_relevance": "partly"})

    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    key = client.cookies[TESTER_COOKIE].value
    assert Feedback.objects.get(stand=sessions["stand2"], browser_key=key).answers == {
        "clarity": 5,
        "relevance": "partly",
    }


def test_an_empty_form_comes_back_with_a_message_and_what_was_typed(client, sessions):
    client.get(_page(sessions))

    response = client.post(_page(sessions), {"q_clarity": "", "profile": "elected", "q_change": "   "})

    assert response.status_code == 400
    assert "Répondez à au moins une question avant d’envoyer." in response.content.decode()
    assert '<option value="elected" selected>' in response.content.decode()


def test_a_wrong_answer_is_shown_next_to_its_question_and_the_rest_is_kept(client, sessions):
    client.get(_page(sessions))

    response = client.post(_page(sessions), {"q_clarity": "12", "q_change": "Plus de couleurs"})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_q_clarity-error"' in html and "Choisissez une valeur de 1 à 5." in html
    assert "Plus de couleurs</textarea>" in html


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(client, sessions):
    client.get(_page(sessions))

    response = client.post(_page(sessions), {"q_clarity": "5", "website": "http://spam.example"})

    assert response.status_code == 302
    assert Feedback.objects.filter(stand=sessions["stand2"]).count() == 1


def test_a_wrong_token_answers_404(client, sessions):
    assert client.get(reverse("testsessions:stand", args=["abcdefghjk"])).status_code == 404
    assert client.post(reverse("testsessions:stand", args=["abcdefghjk"]), {"q_clarity": "5"}).status_code == 404


def test_a_closed_session_answers_a_clear_page_and_gives_back_what_was_typed(client, sessions):
    client.get(_page(sessions))
    TestSession.objects.filter(pk=sessions["session"].pk).update(state=TestSession.State.CLOSED)

    page = client.get(_page(sessions)).content.decode()
    response = client.post(_page(sessions), {"q_relevance": "partly", "q_change": "Un guichet en plus"})

    assert "L’exposition est terminée" in page and '<form method="post" novalidate>' not in page
    html = response.content.decode()
    assert "Un guichet en plus" in html and "En partie" in html
    assert not Feedback.objects.filter(answers__change="Un guichet en plus").exists()


def _away_from_a_window_boundary(seconds: int = 600) -> None:
    """The limits count in fixed windows of the clock: start a test's submissions at least 10 s before the next
    window, so they never straddle two (a run that crossed a ten-minute boundary let a fourth one through)."""
    left = seconds - time.time() % seconds
    if left < 10:
        time.sleep(left + 0.1)


def test_anonymous_submissions_are_limited_per_browser_key(client, sessions, monkeypatch):
    monkeypatch.setitem(services.RATE_LIMITS, "browser", (2, 600))
    _away_from_a_window_boundary()
    client.get(_page(sessions))

    statuses = [
        client.post(_page(sessions), {"q_clarity": str(n), "q_change": f"essai {n}"}).status_code for n in (1, 2, 3)
    ]

    assert statuses == [302, 302, 429]
    response = client.post(_page(sessions), {"q_clarity": "4", "q_change": "gardé"})
    assert "Trop de réponses" in response.content.decode() and "gardé</textarea>" in response.content.decode()


def test_anonymous_submissions_are_limited_per_address_whatever_the_browser(client, sessions, monkeypatch):
    monkeypatch.setitem(services.RATE_LIMITS, "address", (3, 600))
    _away_from_a_window_boundary()
    statuses = []
    for _ in range(4):
        client.cookies.clear()  # a new browser each time, from the same address
        client.get(_page(sessions))
        statuses.append(client.post(_page(sessions), {"q_clarity": "3"}).status_code)

    assert statuses == [302, 302, 302, 429]


def test_a_facilitator_hides_a_feedback_from_the_counts(sessions, facilitator):
    services.feedback_set_hidden(feedback=sessions["feedback"], actor=facilitator, hidden=True)

    from testsessions.selectors import session_coverage

    assert session_coverage(session=sessions["session"]).visits == 0
    FeedbackFactory(stand=sessions["stand2"])
    assert session_coverage(session=sessions["session"]).visits == 1
