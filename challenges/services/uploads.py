"""Files received with a form that failed validation, held so that nobody has to choose them again.

A browser never puts a chosen file back into a form: when a page comes back with an error, the files
that were valid are kept here and the form carries a signed token for each (who held it, where). The
next submission uses the held file when no other is chosen. Held files are deleted by
:func:`held_uploads_sweep` once they are older than :data:`HOLD_MAX_AGE`.
"""

from __future__ import annotations

import logging
import os
import uuid
from datetime import datetime, timedelta

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import get_valid_filename

logger = logging.getLogger(__name__)

HELD_DIR = "held-uploads"
HOLD_MAX_AGE = timedelta(hours=24)
_SALT = "challenges.services.uploads.held"


def _unsigned(token: str) -> dict | None:
    """What ``token`` holds, or ``None`` if it was tampered with or is older than :data:`HOLD_MAX_AGE`."""
    try:
        return signing.loads(token, salt=_SALT, max_age=HOLD_MAX_AGE)
    except signing.BadSignature:
        return None


HELD_NAME_MAX = 80  # the stored name's length after the 32-character prefix; file systems stop at 255 bytes


def file_name_shorten(name: str, *, limit: int) -> str:
    """``name`` cut to ``limit`` characters at most, keeping its extension (``.pdf``) when it has a short one."""
    if len(name) <= limit:
        return name
    root, extension = os.path.splitext(name)
    if len(extension) > 10 or len(extension) >= limit:
        extension = ""
    return root[: limit - len(extension)] + extension


def upload_hold(*, file: File, person_id: int) -> str:
    """Keep ``file`` for ``person_id``; the token that gives it back to them (and nobody else).

    The stored copy has a short name (a 230-character name would pass the file system's limit); the
    token keeps the name the person chose, to show it again.
    """
    name = os.path.basename(file.name or "")
    stored_name = get_valid_filename(name) if name.strip(". ") else "file"
    stored_name = file_name_shorten(stored_name, limit=HELD_NAME_MAX)
    file.seek(0)
    path = default_storage.save(f"{HELD_DIR}/{uuid.uuid4().hex}-{stored_name}", file)
    file.seek(0)
    return signing.dumps({"path": path, "name": name or stored_name, "person": person_id}, salt=_SALT)


def upload_held(*, token: str, person_id: int) -> File | None:
    """The file held under ``token`` for ``person_id``, opened; ``None`` if it is not theirs or is gone."""
    held = _unsigned(token)
    if held is None:
        return None
    path = held.get("path", "")
    if held.get("person") != person_id or not path.startswith(f"{HELD_DIR}/") or "/" in path[len(HELD_DIR) + 1 :]:
        return None
    if not default_storage.exists(path):
        return None
    return File(default_storage.open(path, "rb"), name=held.get("name") or os.path.basename(path))


def upload_token_name(*, token: str) -> str:
    """The original name of the file behind ``token`` (to show it in the form), or ``""``."""
    held = _unsigned(token)
    return held.get("name", "") if held else ""


def held_uploads_sweep(*, now: datetime | None = None) -> int:
    """Delete the held files older than :data:`HOLD_MAX_AGE`; how many were deleted. Safe to run twice."""
    limit = (now or timezone.now()) - HOLD_MAX_AGE
    deleted = 0
    try:
        _folders, names = default_storage.listdir(HELD_DIR)
    except FileNotFoundError:
        return 0
    for name in names:
        path = f"{HELD_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                deleted += 1
        except FileNotFoundError:  # deleted by a concurrent sweep
            continue
    if deleted:
        logger.info("Deleted %s held upload(s)", deleted)
    return deleted
