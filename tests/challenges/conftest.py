"""The personas' roles on challenges: a site, its facilitator, a team (owner, contributor) and a draft.

``world`` holds the objects the permission matrix and the tests address:
- ``site``: facilitated by the ``facilitator`` persona;
- ``challenge``: published, on ``site``, owned by ``owner``, with ``contributor``;
- ``draft``: a draft on ``site`` with the same team;
- ``other_site`` / ``other_challenge``: a site facilitated by someone else, with a draft challenge.
"""

import pytest

from challenges.models import Challenge, TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import UserFactory


@pytest.fixture
def world(db, facilitator, owner, contributor):
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    challenge = ChallengeFactory(site=site, number=1)
    draft = ChallengeFactory(site=site, number=2, status=Challenge.Status.DRAFT)
    for item in (challenge, draft):
        TeamMembershipFactory(challenge=item, person=owner, role=TeamMembership.Role.OWNER)
        TeamMembershipFactory(challenge=item, person=contributor, role=TeamMembership.Role.CONTRIBUTOR)
    other_site = SiteFactory(edition=site.edition, place="Cluny", facilitators=[UserFactory()])
    other_challenge = ChallengeFactory(site=other_site, number=1, status=Challenge.Status.DRAFT)
    return {
        "edition": site.edition,
        "site": site,
        "challenge": challenge,
        "draft": draft,
        "other_site": other_site,
        "other_challenge": other_challenge,
    }
