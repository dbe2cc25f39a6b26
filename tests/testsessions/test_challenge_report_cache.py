"""« Retours du test » on a challenge page is cached per stand, under its session's ``updated_at``.

Whatever changes a stand's report (a feedback given, edited, hidden; a debrief written; a stand added or
taken away) shows on the next page, and what a person may do with the report is theirs, not the first
reader's.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.helpers.queries import count_queries, get_ok
from tests.testsessions.factories import StandFactory
from testsessions.models import Debrief, Feedback
from testsessions.services import debriefs
from testsessions.services import feedback as feedback_services
from testsessions.services import sessions as session_services

pytestmark = pytest.mark.django_db

ANSWERS = {"clarity": "2", "relevance": "partly", "useful": "", "change": "Moins de jargon"}


@pytest.fixture
def team_page(client, sessions, owner):
    """The owner of challenge 3 (stand 2, one anonymous feedback) reads its page; a function gives it afresh."""
    sessions["stand2"].challenge.team.create(person=owner, role="owner")
    client.force_login(owner)
    url = reverse("challenges:challenge_detail", args=[sessions["stand2"].challenge_id])

    def page() -> str:
        return get_ok(client, url)().content.decode().replace("\xa0", " ")

    page.url = url
    return page


def _submit(stand, key: str, answers=ANSWERS) -> Feedback:
    return feedback_services.feedback_submit(stand=stand, tester=None, browser_key=key, profile="", answers=answers)[0]


def test_a_second_reading_reads_the_report_from_the_cache(client, sessions, team_page):
    first = [sql for sql in count_queries(get_ok(client, team_page.url)).statements if "testsessions_" in sql]
    second = [sql for sql in count_queries(get_ok(client, team_page.url)).statements if "testsessions_" in sql]

    assert len(first) == 6  # the stands and their sessions, then the report: stands, visits, form, feedback, debrief
    assert second == first[:1]


def test_a_new_feedback_shows_on_the_next_page(sessions, team_page):
    assert "Notre stand a reçu 1 visite" in team_page()

    _submit(sessions["stand2"], "browser-key-new-01")

    page = team_page()
    assert "Notre stand a reçu 2 visites" in page and "Moins de jargon" in page


def test_an_edited_feedback_shows_on_the_next_page(sessions, team_page):
    first = _submit(sessions["stand2"], "browser-key-edit-01")
    assert "Moins de jargon" in team_page()

    again = _submit(sessions["stand2"], "browser-key-edit-01", answers={**ANSWERS, "change": "Un schéma du parcours"})

    page = team_page()
    assert again.pk == first.pk
    assert "Un schéma du parcours" in page and "Moins de jargon" not in page


def test_a_hidden_feedback_leaves_the_page_and_comes_back(sessions, team_page, facilitator):
    feedback = _submit(sessions["stand2"], "browser-key-hide-01")
    assert "Moins de jargon" in team_page()

    feedback_services.feedback_set_hidden(feedback=feedback, actor=facilitator, hidden=True)
    hidden = team_page()
    feedback_services.feedback_set_hidden(feedback=feedback, actor=facilitator, hidden=False)

    assert "Moins de jargon" not in hidden and "Notre stand a reçu 1 visite" in hidden
    assert "Moins de jargon" in team_page()


def test_a_debrief_shows_on_the_next_page(sessions, team_page, owner):
    assert "Rédiger notre débrief" in team_page()

    debriefs.debrief_save(
        stand=sessions["stand2"], author=owner, outcome=Debrief.Outcome.TO_REWORK, conclusions=["Tester en mairie"]
    )

    page = team_page()
    assert "Modifier notre débrief" in page and "Tester en mairie" in page


def test_a_stand_added_to_the_session_changes_the_team_s_coverage(sessions, team_page, facilitator):
    assert "Notre équipe a visité 0 des 1 défis." in team_page()

    challenge = sessions["draft_stand"].challenge
    challenge.status = challenge.Status.PUBLISHED
    challenge.save()
    session_services.stand_create(session=sessions["session"], actor=facilitator, challenge=challenge)

    assert "Notre équipe a visité 0 des 2 défis." in team_page()


def test_a_removed_stand_changes_the_team_s_coverage(sessions, team_page, facilitator):
    extra = StandFactory(session=sessions["session"], challenge=sessions["draft_stand"].challenge)
    assert "Notre équipe a visité 0 des 2 défis." in team_page()

    session_services.stand_remove(stand=extra, actor=facilitator)

    assert "Notre équipe a visité 0 des 1 défis." in team_page()


def test_each_reader_gets_the_actions_they_may_take(client, sessions, team_page, contributor):
    sessions["stand2"].challenge.team.create(person=contributor, role="contributor")
    assert "Rédiger notre débrief" in team_page()  # the owner reads first: the report is cached

    client.force_login(contributor)
    page = client.get(team_page.url).content.decode().replace("\xa0", " ")

    assert "Notre stand a reçu 1 visite" in page
    assert "Rédiger notre débrief" not in page and "Notre stand : prototype et questions" not in page


def test_a_feedback_deleted_by_staff_in_the_admin_leaves_the_page(client, sessions, team_page, staff):
    feedback = _submit(sessions["stand2"], "browser-key-admin-01")
    assert "Moins de jargon" in team_page()

    client.force_login(staff)
    response = client.post(reverse("admin:testsessions_feedback_delete", args=[feedback.pk]), {"post": "yes"})
    client.force_login(sessions["stand2"].challenge.team.get().person)

    assert response.status_code == 302 and not Feedback.objects.filter(pk=feedback.pk).exists()
    assert "Moins de jargon" not in team_page()


def test_a_feedback_moved_to_another_session_in_the_admin_leaves_the_page(rf, sessions, team_page, staff):
    feedback = _submit(sessions["stand2"], "browser-key-move-01")
    assert "Moins de jargon" in team_page()

    feedback.stand = sessions["other_stand"]  # a stand of another challenge, in another session
    request = rf.post("/")
    request.user = staff
    admin.site._registry[Feedback].save_model(request, feedback, form=None, change=True)

    page = team_page()
    assert "Moins de jargon" not in page and "Notre stand a reçu 1 visite" in page
