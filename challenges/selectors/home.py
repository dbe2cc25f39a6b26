"""The challenges' sections of a signed-in person's home page (registered in ``innovation.home``)."""

from __future__ import annotations

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext as _

from challenges.models import Challenge, Edition, Site, TeamMembership
from challenges.selectors.challenges import FACILITATES_A_SITE
from innovation.backends import signed_in_fact
from innovation.home import ENTRIES_SHOWN, HomeEntry, HomeSection
from innovation.models import User


def _mine(user: User) -> Q:
    """Challenges of one's teams and of the sites one facilitates (subqueries: no duplicate rows).

    The sites' subquery is left out when the signed-in facts already say the person facilitates none.
    """
    mine = Q(pk__in=TeamMembership.objects.filter(person_id=user.pk).values("challenge_id"))
    if signed_in_fact(user, FACILITATES_A_SITE) is not False:
        mine |= Q(site_id__in=Site.facilitators.through.objects.filter(user_id=user.pk).values("site_id"))
    return mine


HOME_ROW_FIELDS = ("pk", "status", "number", "question", "site__place", "site__edition__title")


def _mine_by_status(user: User) -> dict[str, tuple[list[dict], int]]:
    """``{status: (its first rows, how many)}`` of one's published and draft challenges, in one query.

    Each status is a window partition: its rows are numbered (the first ``ENTRIES_SHOWN`` are kept) and counted.
    """
    rows = (
        Challenge.objects.filter(_mine(user), status__in=[Challenge.Status.PUBLISHED, Challenge.Status.DRAFT])
        .values(*HOME_ROW_FIELDS)  # what a line shows: the long texts stay in the database, no model is built
        .annotate(
            home_total=Window(Count("pk"), partition_by=F("status")),
            home_rank=Window(RowNumber(), partition_by=F("status"), order_by=(F("updated_at").desc(), F("pk").desc())),
        )
        .filter(home_rank__lte=ENTRIES_SHOWN)
        .order_by("home_rank")
    )
    by_status: dict[str, tuple[list[dict], int]] = {}
    for row in rows:
        shown, _count = by_status.setdefault(row["status"], ([], row["home_total"]))
        shown.append(row)
    return by_status


def _section(*, key: str, title: str, empty: str, shown: list[dict], count: int) -> HomeSection:
    return HomeSection(
        key=key,
        title=title,
        count=count,
        url=reverse("challenges:edition_list"),
        link_label=_("All the challenges"),
        empty=empty,
        entries=[
            HomeEntry(
                label=str(Challenge(number=row["number"], question=row["question"])),  # its name, as anywhere
                url=reverse("challenges:challenge_detail", args=[row["pk"]]),
                detail=str(Site(place=row["site__place"], edition=Edition(title=row["site__edition__title"]))),
            )
            for row in shown
        ],
    )


def home_my_challenges_and_drafts(user: User) -> list[HomeSection]:
    """« My challenges » (published) and « My drafts », read together."""
    by_status = _mine_by_status(user)
    published, published_count = by_status.get(Challenge.Status.PUBLISHED, ([], 0))
    drafts, drafts_count = by_status.get(Challenge.Status.DRAFT, ([], 0))
    return [
        _section(
            key="challenges",
            title=_("My challenges"),
            empty=_("You are on no published challenge's team yet."),
            shown=published,
            count=published_count,
        ),
        _section(key="drafts", title=_("My drafts"), empty=_("No draft challenge."), shown=drafts, count=drafts_count),
    ]
