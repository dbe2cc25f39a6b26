from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from innovation import selectors


def navigation(request: HttpRequest) -> dict[str, object]:
    """What the navigation needs; evaluated only if the template uses it."""
    return {
        "unread_notifications": SimpleLazyObject(lambda: selectors.notifications_unread_count(user=request.user)),
    }
