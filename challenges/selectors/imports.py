"""Read queries of the challenge import."""

from __future__ import annotations

from django.db.models import QuerySet

from challenges.models import Site
from innovation.models import User


def sites_importable_by(*, user: User) -> QuerySet[Site]:
    """The sites whose challenges the person may import: the ones they facilitate (every site for staff).

    Any other site answers 404 on the import pages.
    """
    sites = Site.objects.select_related("edition")
    if user.is_authenticated and user.is_staff:
        return sites
    if not user.is_authenticated:
        return sites.none()
    return sites.filter(pk__in=Site.objects.filter(facilitators=user).values("pk"))
