"""Read queries of the cross-cutting package."""

from __future__ import annotations

from django.db.models import QuerySet

from innovation.models import Notification, User


def notifications_for(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def notifications_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
