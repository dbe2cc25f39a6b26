"""Test sessions against a real Celery worker on Redis: the posters built as a job, the teams' e-mails."""

from __future__ import annotations

import pytest

from challenges.models import TeamMembership
from innovation.models import Export
from innovation.services import exports
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import UserFactory
from tests.helpers.worker import sent_messages, wait_for
from tests.testsessions.factories import SessionFactory, StandFactory
from tests.testsessions.test_documents import decode_qr_codes
from testsessions import documents
from testsessions.models import TestSession
from testsessions.services import sessions as session_services

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SITE_URL = "https://defis.example.fr"


@pytest.fixture
def worker_settings(monkeypatch, settings, tmp_path):
    """Requested before ``celery_worker_factory``, so that the worker's environment carries them."""
    monkeypatch.setenv("SITE_URL", SITE_URL)
    settings.SITE_URL = SITE_URL
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_worker_builds_the_posters_and_the_teams_get_their_poster_by_e_mail(worker_settings, celery_worker_factory):
    facilitator = UserFactory(email="yann@example.org")
    owner = UserFactory(email="porteuse@example.org")
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    session = SessionFactory(site=site, state=TestSession.State.DRAFT)
    stands = [StandFactory(session=session, challenge=ChallengeFactory(site=site, number=n)) for n in (1, 2, 3)]
    TeamMembership.objects.create(challenge=stands[1].challenge, person=owner, role="owner")
    start = celery_worker_factory
    start()

    export = exports.export_request(
        requested_by=facilitator,
        builder=documents.POSTERS_BUILDER,
        parameters={"session_id": session.pk, "language": "fr"},
        format="pdf",
        title="Affiches",
    )
    wait_for(
        lambda: Export.objects.filter(pk=export.pk, state=Export.State.DONE).exists(),
        timeout=90,
        what="the posters to be built by the worker",
    )
    export.refresh_from_db()
    assert decode_qr_codes(export.file.path) == [f"{SITE_URL}/t/{stand.token}/" for stand in stands]

    session_services.session_open(session=session, actor=facilitator)

    def poster_mail():
        return [message for message in sent_messages(start.mail_dir) if "porteuse@example.org" in message]

    [message] = wait_for(poster_mail, timeout=60, what="the team's e-mail")
    assert f"{SITE_URL}/test-sessions/stands/{stands[1].pk}/poster.pdf" in message
