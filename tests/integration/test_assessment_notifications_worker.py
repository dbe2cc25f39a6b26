"""The assessment e-mails are sent by a real worker (which must know the "assessments" kinds)."""

from __future__ import annotations

import pytest

from grids.services import assessments as services
from grids.services.grids import default_grid_ensure
from innovation.models import Notification
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import UserFactory
from tests.helpers.worker import sent_messages, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_peer_review_assignment_is_e_mailed_by_the_worker(celery_worker_factory):
    start = celery_worker_factory
    start()
    default_grid_ensure()
    facilitator = UserFactory()
    challenge = ChallengeFactory(site=SiteFactory(facilitators=[facilitator]))
    peer = UserFactory(email="pair@example.org", language="fr")

    services.peer_review_assign(challenge=challenge, reviewer=peer, by=facilitator)  # commits

    notification = Notification.objects.get(recipient=peer, kind="assessment_review_assigned")
    wait_for(lambda: Notification.objects.filter(pk=notification.pk, sent_at__isnull=False).exists(), what="sending")
    (message,) = sent_messages(start.mail_dir)
    assert "pair@example.org" in message
    assert "vous demande de relire le d" in message  # the French body, rendered by the worker
