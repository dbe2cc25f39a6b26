from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from innovation import selectors
from innovation.backends import signed_in_fact

UNREAD_NOTIFICATIONS = "unread_notifications"


def _unread_notifications(request: HttpRequest) -> int:
    known = signed_in_fact(request.user, UNREAD_NOTIFICATIONS)  # read with the person (backends.py)
    return known if known is not None else selectors.notifications_unread_count(user=request.user)


def navigation(request: HttpRequest) -> dict[str, object]:
    """What the navigation needs; evaluated only if the template uses it."""
    return {"unread_notifications": SimpleLazyObject(lambda: _unread_notifications(request))}
