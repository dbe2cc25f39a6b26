"""The facilitator who creates a challenge is on its team; invitees who have not yet accepted show as pending."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.models import TeamMembership
from challenges.services import challenges as services
from challenges.services.teams import team_member_invite
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_facilitator_who_creates_a_challenge_is_on_its_team(facilitator):
    site = SiteFactory(facilitators=[facilitator])

    challenge = services.challenge_create(
        site=site, author=facilitator, organisation="Ville de Rennes", fields={"number": 1, "question": "Comment ?"}
    )

    membership = TeamMembership.objects.get(challenge=challenge)
    assert membership.person == facilitator
    assert membership.role == TeamMembership.Role.FACILITATOR


def test_staff_who_is_not_the_site_facilitator_is_not_added(staff):
    site = SiteFactory(facilitators=[UserFactory()])

    challenge = services.challenge_create(
        site=site, author=staff, organisation="Ville de Rennes", fields={"number": 1, "question": "Comment ?"}
    )

    assert not challenge.team.exists()


def test_a_pending_invitee_shows_as_pending_not_as_a_member(client, facilitator, owner):
    site = SiteFactory(facilitators=[facilitator])
    challenge = ChallengeFactory(site=site)
    TeamMembershipFactory(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER)
    team_member_invite(
        challenge=challenge,
        invited_by=facilitator,
        email="nouvelle@example.org",
        role=TeamMembership.Role.CONTRIBUTOR,
        display_name="Awa Diallo",
    )
    client.force_login(facilitator)

    for url in (
        reverse("challenges:challenge_detail", args=[challenge.pk]),
        reverse("challenges:team_manage", args=[challenge.pk]),
    ):
        html = client.get(url).content.decode()
        rows = html.split("Awa Diallo")
        assert len(rows) > 1, url
        assert "invitation en attente" in rows[1][:300], url
        assert html.count('data-testid="member-pending"') == 1, url  # the owner, who has an account, is not
