"""Read queries of the cross-cutting package."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from innovation import home
from innovation.home import HomeSection
from innovation.models import Export, Notification, NotificationPreference, User
from innovation.services.notifications import HIDDEN_KINDS


def notifications_for(*, user: User) -> QuerySet[Notification]:
    """Every notification of ``user``: the scope of the notification pages (another's answers 404)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notifications_centre_for(*, user: User) -> QuerySet[Notification]:
    """What the notification centre lists: ``user``'s notifications, newest first, without e-mail-only kinds."""
    return (
        Notification.objects.filter(recipient=user)
        .exclude(kind__in=sorted(HIDDEN_KINDS))
        .only("id", "kind", "context", "created_at", "read_at", "recipient_id")
        .order_by("-created_at", "-id")
    )


def _unread_notifications() -> QuerySet[Notification]:
    return Notification.objects.filter(read_at__isnull=True).exclude(kind__in=sorted(HIDDEN_KINDS))


def notifications_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return _unread_notifications().filter(recipient=user).count()


def unread_notifications_fact() -> Coalesce:
    """How many unread notifications a person has, read with them on every signed-in request (backends.py)."""
    counted = (
        _unread_notifications()
        .filter(recipient=OuterRef("pk"))
        .order_by()
        .values("recipient")
        .annotate(unread=Count("pk"))
        .values("unread")
    )
    return Coalesce(Subquery(counted), 0)


def notification_preferences_of(*, user: User) -> dict[str, str]:
    """``{category: delivery}`` of what ``user`` stored (categories with no row are immediate)."""
    return dict(NotificationPreference.objects.filter(person=user).values_list("category", "delivery"))


# --- Exports (issue 5) ----------------------------------------------------------


def exports_visible_to(*, user: User) -> QuerySet[Export]:
    """A person's own exports: anyone else's answers 404."""
    if not user.is_authenticated:
        return Export.objects.none()
    return Export.objects.filter(requested_by=user)


# --- A person's own account -------------------------------------------------------


def person_for_calendar_token(*, token: str) -> User:
    """The active person whose calendar address carries ``token``; an unknown or revoked one answers 404."""
    return get_object_or_404(User, calendar_token=token, is_active=True, calendar_token__isnull=False)


def personal_data_exports_of(*, user: User) -> QuerySet[Export]:
    """The person's downloads of their own data, newest first."""
    return Export.objects.filter(requested_by=user, parameters__builder="innovation.personal_data").order_by(
        "-created_at", "-id"
    )[:10]


def home_sections_for(*, user: User) -> list[HomeSection]:
    """The signed-in home page: what each app offers this person, in a fixed number of queries."""
    if not user.is_authenticated:
        return []
    sections: list[HomeSection] = []
    for _, provider in home.PROVIDERS:
        answer = provider(user)
        if isinstance(answer, list):
            sections.extend(answer)
        elif answer is not None:
            sections.append(answer)
    return sections
