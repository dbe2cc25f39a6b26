"""The demo test session: loaded twice without duplicates, and the demo tester can answer on a stand."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from challenges import demo as challenges_demo
from grids import demo as grids_demo
from innovation import demo as core_demo
from testsessions import demo
from testsessions.models import Debrief, Feedback, Stand, TestSession

pytestmark = pytest.mark.django_db


def _load():
    people = core_demo.load_people()
    challenges_demo.load(people=people)
    grids_demo.load(people=people)
    return demo.load(people=people), people


def test_the_demo_session_is_loaded_once_with_its_stands_feedback_and_debrief():
    _load()
    session, _people = _load()

    assert TestSession.objects.count() == 1 and session.is_open
    assert [stand.label for stand in Stand.objects.all()] == [f"Défi {n}" for n in demo.STANDS]
    assert Feedback.objects.count() == len(demo.FEEDBACK)
    assert Feedback.objects.exclude(visiting_challenge=None).count() == 10
    assert not Stand.objects.get(position=11).feedback.exists()  # the board shows a stand nobody visited
    debrief = Debrief.objects.get()
    assert debrief.challenge.number == 2 and len(debrief.conclusions) == 3


def test_the_demo_tester_leaves_feedback():
    session, people = _load()
    stand = session.stands.get(challenge__number=11)
    client = Client()
    client.force_login(people["testeur@demo.defis.fr"])

    response = client.post(reverse("testsessions:stand", args=[stand.token]), {"q_clarity": "5", "q_useful": "Oui"})

    assert response.status_code == 302
    assert Feedback.objects.filter(stand=stand, tester=people["testeur@demo.defis.fr"]).exists()
