"""How a notification looks on the site and in the digest: one small template per kind.

``templates/notifications/<kind>.html`` renders a short summary (inline HTML)
from the row's context; a kind with no template falls back to
``templates/notifications/_generic.html`` (its label, and the context's
``title``, ``summary`` and ``url`` when it has them).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import template
from django.template.loader import select_template
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from innovation.services import invitations, notifications

register = template.Library()


def _field(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


@register.simple_tag
def notification_summary(item: Any) -> str:
    """``{% notification_summary notification %}``: a Notification, or a digest item dict."""
    kind_key = _field(item, "kind") or ""
    kind = notifications.KINDS.get(kind_key)
    context = dict(_field(item, "context") or {})
    context["kind_label"] = kind.label if kind else _("Notification")
    summary_template = select_template([f"notifications/{kind_key}.html", "notifications/_generic.html"])
    return mark_safe(summary_template.render(context).strip())  # an autoescaped template's output


@register.simple_tag
def invitation_purpose(purpose: str, params: Mapping[str, Any] | None = None) -> str:
    """``{% invitation_purpose purpose purpose_params %}``: what one is invited to, in the active language."""
    return invitations.invitation_purpose(purpose=purpose or "", params=params or {})


@register.filter
def iso_date(value: Any) -> datetime.date | Any:
    """A date kept as ISO text in a notification's context, back to a date (for the ``date`` filter)."""
    if isinstance(value, str):
        return parse_datetime(value) or parse_date(value) or value
    return value


@register.filter
def notification_category(category: str) -> Any:
    return notifications.notification_category_label(category=category)


def _unread_count(context: template.Context) -> int:
    value = context.get("unread_notifications", 0)
    # A lazy object passes isinstance() (it proxies __class__): test the real type, and str() evaluates it once.
    return value if type(value) is int else int(str(value))


@register.inclusion_tag("components/_notifications_toggler_badge.html", takes_context=True)
def notifications_toggler_badge(context: template.Context, *, oob: bool = False) -> dict[str, Any]:
    """The unread count on the menu button of small screens (the link inside the menu says it in words)."""
    user = getattr(context.get("request"), "user", None)
    count = _unread_count(context) if user is not None and user.is_authenticated else 0
    return {"unread_count": count, "oob": oob}


@register.inclusion_tag("components/_notifications_link.html", takes_context=True)
def notifications_nav_link(context: template.Context, *, oob: bool = False) -> dict[str, Any]:
    """The navigation link to the notification centre with its unread badge."""
    count = _unread_count(context)
    request = context.get("request")
    # The centre, and the htmx answers that update it in place.
    centre = {"notifications", "notification_read", "notifications_read_all"}
    current = bool(request and request.resolver_match and request.resolver_match.url_name in centre)
    return {"unread_count": count, "oob": oob, "current": current}
