"""Labels of an assessment's stored choices, in the active language (e-mails keep the keys, not the words)."""

from __future__ import annotations

from django import template

from grids.models import Assessment

register = template.Library()


@register.filter
def verdict_label(value: str) -> str:
    """``{{ verdict|verdict_label }}``: "public_action" → "Ready for public action" (or its translation)."""
    if value in Assessment.Verdict.values:
        return str(Assessment.Verdict(value).label)
    return value
