"""A real Celery worker sends the "added to a challenge's team" e-mail (the kind is known in the worker)."""

from __future__ import annotations

import pytest

from challenges.models import TeamMembership
from challenges.services import teams
from innovation.models import Notification
from tests.challenges.factories import ChallengeFactory
from tests.factories import UserFactory
from tests.helpers.worker import sent_messages, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_an_existing_account_added_to_a_team_gets_its_email_from_the_worker(celery_worker_factory):
    start = celery_worker_factory
    start()
    person = UserFactory(email="karim@example.org", language="fr")
    challenge = ChallengeFactory(number=6, question="Comment accueillir mieux ?")

    teams.team_member_invite(
        challenge=challenge,
        invited_by=UserFactory(display_name="Yann"),
        email=person.email,
        role=TeamMembership.Role.CONTRIBUTOR,
    )  # fmt: skip  (commits: the test is transactional)

    notification = Notification.objects.get(recipient=person, kind="challenge_team_added")
    wait_for(lambda: Notification.objects.filter(pk=notification.pk, sent_at__isnull=False).exists(), what="sending")
    messages = sent_messages(start.mail_dir)
    assert len(messages) == 1
    assert "karim@example.org" in messages[0] and "Comment accueillir mieux ?" in messages[0]
