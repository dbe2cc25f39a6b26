"""factory-boy factories of test sessions."""

from __future__ import annotations

import datetime
import itertools

import factory

from tests.challenges.factories import ChallengeFactory, SiteFactory
from testsessions.models import Debrief, Feedback, Stand, TestSession
from testsessions.services.feedback_forms import feedback_form_default_ensure

_tokens = itertools.count(1)


def _token(_stand) -> str:
    return f"tok{next(_tokens):07d}"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TestSession

    site = factory.SubFactory(SiteFactory)
    title = "Exposition des prototypes"
    place = "Grande salle"
    starts_at = factory.LazyFunction(lambda: datetime.datetime(2018, 7, 11, 8, 0, tzinfo=datetime.UTC))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + datetime.timedelta(hours=2, minutes=30))
    state = TestSession.State.OPEN
    form = factory.LazyFunction(feedback_form_default_ensure)


class StandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stand

    session = factory.SubFactory(SessionFactory)
    challenge = factory.SubFactory(ChallengeFactory, site=factory.SelfAttribute("..session.site"))
    position = factory.LazyAttribute(lambda stand: stand.challenge.number)
    prototype = "Un parcours papier testé en jeu de rôle."
    token = factory.LazyAttribute(_token)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    stand = factory.SubFactory(StandFactory)
    browser_key = factory.Sequence(lambda n: f"browser-key-{n:06d}")
    answers = factory.LazyFunction(lambda: {"clarity": 4, "relevance": "validated"})


class DebriefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Debrief

    session = factory.SubFactory(SessionFactory)
    challenge = factory.SubFactory(ChallengeFactory)
    outcome = Debrief.Outcome.VALIDATED
    conclusions = factory.LazyFunction(
        lambda: ["Les critères sont pertinents.", "La dimension usagers est indispensable."]
    )
