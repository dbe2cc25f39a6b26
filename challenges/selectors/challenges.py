"""Read queries of editions, sites and challenges."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from challenges.models import Challenge
from innovation.models import User


def challenges_visible_to(*, user: User) -> QuerySet[Challenge]:
    """Published challenges, plus the drafts of one's teams and sites (all of them for staff).

    An object outside this set answers 404: its existence is not revealed.
    """
    challenges = Challenge.objects.all()
    if user.is_authenticated and user.is_staff:
        return challenges
    visible = Q(status=Challenge.Status.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(team__person=user) | Q(site__facilitators=user)
    return challenges.filter(pk__in=Challenge.objects.filter(visible).values("pk"))
