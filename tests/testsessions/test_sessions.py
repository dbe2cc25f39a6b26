"""A session's life: created as a draft, stands opened in bulk, opened (teams told, with their poster),
closed (feedback locked, facilitators get the coverage), reminded the day before."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from challenges.models import Challenge, PhaseContent
from innovation.models import Notification
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.testsessions.factories import FeedbackFactory, SessionFactory, StandFactory
from testsessions.models import FeedbackForm, Stand, TestSession
from testsessions.services import notifications
from testsessions.services import sessions as session_services
from testsessions.services.feedback_forms import feedback_form_default_ensure

pytestmark = pytest.mark.django_db


def _at(hour: int, day: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2018, 7, day, hour, 0))  # noqa: DTZ001 - made aware here


def test_a_session_is_created_as_a_draft_with_the_default_form(world, facilitator):
    session = session_services.session_create(
        site=world["site"],
        author=facilitator,
        title="  Exposition   des prototypes ",
        place="Hall",
        starts_at=_at(10),
        ends_at=_at(12),
    )

    assert session.state == TestSession.State.DRAFT
    assert session.title == "Exposition des prototypes"
    assert session.form == feedback_form_default_ensure()
    assert [q.key for q in session.form.questions.all()] == ["clarity", "relevance", "useful", "change"]


def test_a_session_must_end_after_it_starts(world, facilitator):
    with pytest.raises(ValidationError) as error:
        session_services.session_create(
            site=world["site"], author=facilitator, title="X", place="", starts_at=_at(12), ends_at=_at(10)
        )

    assert error.value.message_dict == {"ends_at": ["La séance doit se terminer après son début."]}


def test_stands_open_in_bulk_for_published_challenges_in_prototype_or_test(facilitator):
    site = SiteFactory()
    session = SessionFactory(site=site, state=TestSession.State.DRAFT)
    prototype = ChallengeFactory(site=site, number=3, phase=Challenge.Phase.PROTOTYPE)
    PhaseContent.objects.create(challenge=prototype, phase="prototype", text="Un dossier unique de rentrée, " * 40)
    ChallengeFactory(site=site, number=2, phase=Challenge.Phase.TEST)
    ChallengeFactory(site=site, number=1, phase=Challenge.Phase.IDEATION)
    ChallengeFactory(site=site, number=4, phase=Challenge.Phase.TEST, status=Challenge.Status.DRAFT)

    opened = session_services.stands_open_for_prototypes(session=session, actor=facilitator)
    again = session_services.stands_open_for_prototypes(session=session, actor=facilitator)

    assert [stand.label for stand in opened] == ["Défi 2", "Défi 3"]
    assert again == []
    stand = Stand.objects.get(session=session, challenge=prototype)
    assert stand.prototype.startswith("Un dossier unique de rentrée") and len(stand.prototype) <= 602
    assert len(stand.token) == 10 and set(stand.token) <= set(session_services.TOKEN_ALPHABET)


def test_opening_tells_each_team_of_a_stand_with_its_poster(facilitator, owner, contributor, outsider):
    site = SiteFactory(facilitators=[facilitator])
    session = SessionFactory(site=site, state=TestSession.State.DRAFT)
    with pytest.raises(ValidationError) as error:
        session_services.session_open(session=session, actor=facilitator)
    assert error.value.messages == ["Ouvrez au moins un stand avant d’ouvrir la séance."]
    stand = StandFactory(session=session, challenge=ChallengeFactory(site=site, number=1))
    TeamMembershipFactory(challenge=stand.challenge, person=owner, role="owner")
    TeamMembershipFactory(challenge=stand.challenge, person=contributor)

    session_services.session_open(session=session, actor=facilitator)

    rows = Notification.objects.filter(kind="testsession_opened").order_by("recipient_id")
    assert [row.recipient for row in rows] == sorted([owner, contributor], key=lambda p: p.pk)
    assert rows[0].context["poster_url"].endswith(f"/test-sessions/stands/{stand.pk}/poster.pdf")
    assert rows[0].context["stand_url"].endswith(f"/t/{stand.token}/")
    with pytest.raises(ValidationError):
        session_services.session_open(session=session, actor=facilitator)  # only a draft opens


def test_closing_locks_the_stands_and_sends_the_coverage_to_the_facilitators(sessions, facilitator):
    session = sessions["session"]

    session_services.session_close(session=session, actor=facilitator)

    session.refresh_from_db()
    assert session.state == TestSession.State.CLOSED and session.closed_at is not None
    row = Notification.objects.get(kind="testsession_closed", recipient=facilitator)
    assert row.context["visit_count"] == 1 and row.context["stand_count"] == 2
    assert row.context["unvisited"] == ["Défi 1"]
    assert {"label": "Défi 1", "visited": 0, "of": 1} in row.context["teams"]
    with pytest.raises(ValidationError):
        session_services.stand_update(
            stand=sessions["stand"], actor=facilitator, location="x", prototype="", questions=""
        )
    with pytest.raises(ValidationError):
        session_services.stands_open_for_prototypes(session=session, actor=facilitator)


def test_a_stand_with_feedback_cannot_be_removed(sessions, facilitator):
    with pytest.raises(ValidationError):
        session_services.stand_remove(stand=sessions["stand2"], actor=facilitator)

    session_services.stand_remove(stand=sessions["stand"], actor=facilitator)
    assert not Stand.objects.filter(pk=sessions["stand"].pk).exists()


def test_the_form_cannot_change_once_the_session_is_open(sessions, facilitator):
    other = FeedbackForm.objects.create(title="Autre", lineage="00000000-0000-0000-0000-000000000001")
    session = sessions["session"]

    with pytest.raises(ValidationError) as error:
        session_services.session_update(
            session=session,
            actor=facilitator,
            title=session.title,
            place="",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            form=other,
        )

    assert "form" in error.value.message_dict


def test_reminders_go_the_day_before_to_facilitators_and_teams_once(facilitator, owner):
    site = SiteFactory(facilitators=[facilitator])
    session = SessionFactory(
        site=site, state=TestSession.State.OPEN, starts_at=_at(10, day=12), ends_at=_at(12, day=12)
    )
    stand = StandFactory(session=session, challenge=ChallengeFactory(site=site, number=5))
    TeamMembershipFactory(challenge=stand.challenge, person=owner, role="owner")
    SessionFactory(site=site, starts_at=_at(10, day=13), ends_at=_at(12, day=13))  # the day after: not yet
    SessionFactory(site=site, state=TestSession.State.CLOSED, starts_at=_at(14, day=12), ends_at=_at(16, day=12))

    written = notifications.session_reminders_send(today=datetime.date(2018, 7, 11))
    again = notifications.session_reminders_send(today=datetime.date(2018, 7, 11))

    assert (written, again) == (2, 0)
    rows = {row.recipient_id: row.context for row in Notification.objects.filter(kind="testsession_reminder")}
    assert rows[owner.pk]["stands"] == ["Défi 5"] and rows[facilitator.pk]["stands"] == []


def test_feedback_on_a_closed_session_is_kept_as_it_was(sessions, facilitator):
    FeedbackFactory(stand=sessions["stand"], browser_key="closed-session-tester")
    session_services.session_close(session=sessions["session"], actor=facilitator)

    assert sessions["stand"].feedback.count() == 1


def test_closing_in_the_browser_asks_once_more_with_what_the_session_reached(client, sessions, facilitator):
    client.force_login(facilitator)
    url = reverse("testsessions:session_close", args=[sessions["session"].pk])

    asked = client.post(url)
    sessions["session"].refresh_from_db()
    state_when_asked = sessions["session"].state
    closed = client.post(url, {"confirmed": "on"})
    sessions["session"].refresh_from_db()

    page = asked.content.decode().replace("\xa0", " ")
    assert asked.status_code == 200 and state_when_asked == TestSession.State.OPEN
    assert "1 visite sur 2 stands jusqu’ici." in page and "Personne n’a encore visité ces stands : Défi 1." in page
    assert closed.status_code == 302 and sessions["session"].state == TestSession.State.CLOSED


def test_a_stand_opened_in_english_reads_in_each_reader_s_language(sessions, facilitator, client):
    challenge = Challenge.objects.get(site=sessions["site"], number=6)
    with translation.override("en"):
        stand = session_services.stand_create(session=sessions["session"], actor=facilitator, challenge=challenge)

    client.force_login(facilitator)
    board = client.get(reverse("testsessions:session_detail", args=[sessions["session"].pk])).content.decode()

    assert '<th scope="row">Défi 6' in board and "Challenge 6" not in board
    with translation.override("en"):
        assert stand.label == "Challenge 6"
