"""Read queries of the cross-cutting package."""

from __future__ import annotations

from django.db.models import QuerySet

from innovation.models import Export, Notification, User


def notifications_for(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def notifications_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# --- Exports (issue 5) ----------------------------------------------------------


def exports_visible_to(*, user: User) -> QuerySet[Export]:
    """A person's own exports: anyone else's answers 404."""
    if not user.is_authenticated:
        return Export.objects.none()
    return Export.objects.filter(requested_by=user)
