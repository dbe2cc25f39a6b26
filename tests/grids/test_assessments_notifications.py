"""The assessment e-mails render in the recipient's language, with a link to the page."""

from __future__ import annotations

import pytest

from grids.services import assessments as services
from innovation.models import Notification
from innovation.services.notifications import KINDS, notification_render
from tests.factories import UserFactory
from tests.grids.assessment_factories import answer_all

pytestmark = pytest.mark.django_db


def test_the_three_kinds_are_registered_in_the_assessments_category():
    for key in ("assessment_review_assigned", "assessment_review_submitted", "assessment_submitted"):
        assert KINDS[key].category == "assessments"


def test_each_event_notifies_once_and_renders_in_french(world, owner, facilitator):
    peer = UserFactory(email="pair@example.org", language="fr")
    review = services.peer_review_assign(challenge=world["challenge"], reviewer=peer, by=facilitator)
    services.peer_review_assign(challenge=world["challenge"], reviewer=peer, by=facilitator)  # same draft again
    answer_all(review, level=2)
    services.assessment_submit(assessment=review, by=peer)
    own = services.assessment_start(challenge=world["challenge"], by=owner)
    answer_all(own, level=3)
    services.assessment_submit(assessment=own, by=owner)

    kinds = sorted(Notification.objects.values_list("kind", "recipient__email"))
    assert kinds == [
        ("assessment_review_assigned", "pair@example.org"),
        ("assessment_review_submitted", facilitator.email),
        ("assessment_review_submitted", owner.email),
        ("assessment_submitted", facilitator.email),
    ]
    assigned = notification_render(notification=Notification.objects.get(kind="assessment_review_assigned"))
    assert "Une relecture du défi" in assigned.subject
    assert f"/assessments/{review.pk}/" in assigned.body
    submitted = notification_render(notification=Notification.objects.get(kind="assessment_submitted"))
    assert "le ou la porteur·se a rendu une auto-évaluation" in submitted.subject
    assert "Verdict\u00a0: Relève de l’action publique" in submitted.body
    assert f"/assessments/{own.pk}/results/" in submitted.alternatives[0][0]
