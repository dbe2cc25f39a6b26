"""Who sees an assessment: the predicate ``grids.view_assessment`` and the pages' query follow one table."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from grids.selectors import assessments_visible_to
from grids.services.grids import default_grid_ensure
from tests.grids.assessment_factories import AssessmentFactory, submitted

pytestmark = pytest.mark.django_db

# persona: (the owner's draft, the owner's submitted self-assessment, the contributor's draft of a draft challenge)
VISIBILITY = {
    "anonymous": (False, False, False),
    "outsider": (False, False, False),
    "contributor": (False, True, True),
    "owner": (True, True, False),
    "facilitator": (False, True, False),
    "staff": (False, True, False),
}
TARGETS = ("owner_draft", "owner_submitted", "contributor_draft")


@pytest.fixture
def assessments(world, owner, contributor):
    grid = default_grid_ensure()
    return {
        "owner_draft": AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner),
        "owner_submitted": submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner)),
        "contributor_draft": AssessmentFactory(challenge=world["draft"], grid=grid, assessor=contributor),
    }


@pytest.mark.parametrize("persona", sorted(VISIBILITY))
@pytest.mark.parametrize("target", TARGETS)
def test_the_predicate_and_the_query_agree_with_the_table(assessments, personas, persona, target):
    # Given an assessment and a person in one role
    user = personas[persona] or AnonymousUser()
    assessment = assessments[target]
    expected = VISIBILITY[persona][TARGETS.index(target)]

    # When the permission and the pages' scope are asked
    by_predicate = user.has_perm("grids.view_assessment", assessment)
    by_query = assessments_visible_to(user=user).filter(pk=assessment.pk).exists()

    # Then both give the table's answer
    assert (by_predicate, by_query) == (expected, expected)


def test_the_query_joins_neither_every_team_nor_every_facilitator(personas):
    # The person's challenges and sites are two small lists (``IN`` subqueries): joining the team and facilitator
    # tables made duplicate rows, a subquery to remove them, and PostgreSQL plans that took milliseconds each.
    sql = str(assessments_visible_to(user=personas["contributor"]).query)

    assert 'JOIN "challenges_teammembership"' not in sql
    assert 'JOIN "challenges_site_facilitators"' not in sql
    assert '"grids_assessment"."id" IN (SELECT' not in sql
