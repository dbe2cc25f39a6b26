"""The challenges' sections of a signed-in person's home page (registered in ``innovation.home``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from challenges.models import Challenge, Site, TeamMembership
from innovation.home import HomeEntry, HomeSection, first_rows_and_count
from innovation.models import User


def _mine(user: User) -> Q:
    """Challenges of one's teams and of the sites one facilitates (subqueries: no duplicate rows)."""
    return Q(pk__in=TeamMembership.objects.filter(person_id=user.pk).values("challenge_id")) | Q(
        site_id__in=Site.facilitators.through.objects.filter(user_id=user.pk).values("site_id")
    )


HOME_ROW_FIELDS = ("number", "question", "site__place", "site__edition__title")


def _section(*, key: str, title: str, empty: str, challenges: QuerySet[Challenge]) -> HomeSection:
    shown, count = first_rows_and_count(
        challenges.select_related("site__edition")
        .only(*HOME_ROW_FIELDS)  # what a line shows: the long texts stay in the database
        .order_by("-updated_at", "-id")
    )
    return HomeSection(
        key=key,
        title=title,
        count=count,
        url=reverse("challenges:edition_list"),
        link_label=_("All the challenges"),
        empty=empty,
        entries=[
            HomeEntry(
                label=str(challenge),
                url=reverse("challenges:challenge_detail", args=[challenge.pk]),
                detail=str(challenge.site),
            )
            for challenge in shown
        ],
    )


def home_my_challenges(user: User) -> HomeSection:
    return _section(
        key="challenges",
        title=_("My challenges"),
        empty=_("You are on no published challenge's team yet."),
        challenges=Challenge.objects.filter(_mine(user), status=Challenge.Status.PUBLISHED),
    )


def home_my_drafts(user: User) -> HomeSection:
    return _section(
        key="drafts",
        title=_("My drafts"),
        empty=_("No draft challenge."),
        challenges=Challenge.objects.filter(_mine(user), status=Challenge.Status.DRAFT),
    )
