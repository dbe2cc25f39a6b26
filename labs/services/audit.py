"""The audit trail of a lab: who changed a value, a charter, an attestation, a member...

Services call :func:`audit_record` inside their own transaction, so a change and its entry are written
together or not at all. Entries hold no confidential text (interview notes, managers' addresses).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from innovation.models import User
from labs.models import AuditEntry, Lab, Network


def _plain(value: Any) -> Any:
    """A JSON-safe, readable version of a value."""
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
    for field, new in after.items():
        old, new = _plain(before.get(field)), _plain(new)
        if old != new:
            changes[field] = [old, new]
    return changes


def audit_record(
    *,
    lab: Lab,
    actor: User | None,
    action: str,
    network: Network | None = None,
    subject: str = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        lab=lab,
        network=network,
        actor=actor,
        action=action,
        subject=str(subject)[:300],
        changes={key: _plain(value) for key, value in (changes or {}).items()},
    )
