"""Small helpers of the labs templates: labels of values kept as codes (in notifications), levels."""

from __future__ import annotations

from typing import Any

from django import template

from labs.models import AgendaItem, NetworkMembership

register = template.Library()


@register.filter
def role_label(value: str) -> Any:
    """``coordinator`` → « Coordinateur·rice », in the language being rendered (e-mails, summaries)."""
    try:
        return NetworkMembership.Role(value).label
    except ValueError:
        return value


@register.filter
def agenda_kind_label(value: str) -> Any:
    try:
        return AgendaItem.Kind(value).label
    except ValueError:
        return value


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}``: a dict's value in a template."""
    return mapping.get(key) if mapping is not None else None
