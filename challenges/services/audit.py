"""The audit trail of a challenge: who changed what and when.

Services call :func:`audit_record` inside their own transaction, so a change
and its audit entry are written together or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from challenges.models import AuditEntry, Challenge
from innovation.models import User


def _plain(value: Any) -> Any:
    """A JSON-safe, human-readable version of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


def audit_changes(*, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs."""
    changes: dict[str, list[Any]] = {}
    for field in after:
        old, new = _plain(before.get(field)), _plain(after[field])
        if old != new:
            changes[field] = [old, new]
    return changes


def audit_entry_build(
    *, challenge: Challenge, actor: User | None, action: str, changes: Mapping[str, Any] | None = None
) -> AuditEntry:
    """An entry not yet written: :func:`audit_record` writes one, a batch writes many in one query."""
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry(
        challenge=challenge, actor=actor, action=action, changes={k: _plain(v) for k, v in (changes or {}).items()}
    )


def audit_record(
    *, challenge: Challenge, actor: User | None, action: str, changes: Mapping[str, Any] | None = None
) -> AuditEntry:
    entry = audit_entry_build(challenge=challenge, actor=actor, action=action, changes=changes)
    entry.save()
    return entry
