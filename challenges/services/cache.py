"""The cache of the reading pages (a site's challenges, a challenge), renewed by every write.

What it holds never depends on who is looking, so one entry serves everyone it applies to:

- anonymous visitors get the whole content of both pages from it (they all see the same thing:
  published challenges, no action);
- signed-in people get the parts that are the same for everyone who sees the same challenges (a site's
  listing for the public or for the site's facilitators and staff, a challenge's data), and what
  depends on them (actions, forms, permissions) is rendered for them on every request.

An entry is stored with two *content versions*, random tokens kept in the cache:

- one per site, changed by :func:`site_content_changed` whenever something a site page or one of its
  challenge pages shows changes (a challenge, its team, phase contents, reformulations, links,
  attachments, an import, the site itself); :func:`challenges.services.audit.audit_record` calls it,
  since every write to a challenge records an audit entry;
- one for all sites, changed by :func:`public_content_changed` when data shared between sites changes
  (an edition, a theme, an organisation's or a person's name, any edit through the admin).

A new version makes every older entry stale (they expire after ``ENTRY_TIMEOUT``). The
version changes when the transaction commits (so a reader never caches the old content under the new
version) and also at once (so code running inside the transaction, such as a test, reads its own
writes). A lost or evicted version is replaced by a new random token: it can never match old entries.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

T = TypeVar("T")
logger = logging.getLogger(__name__)

ENTRY_TIMEOUT = 10 * 60  # also bounds any change made outside the services (a shell, a raw SQL fix)
VERSION_TIMEOUT = 7 * 24 * 60 * 60
_PREFIX = "public-pages"
_ALL = f"{_PREFIX}:version:all"


def _site_version_key(site_id: int) -> str:
    return f"{_PREFIX}:version:site:{site_id}"


def _bump(key: str) -> None:
    try:
        cache.set(key, uuid.uuid4().hex, VERSION_TIMEOUT)
    except Exception:  # the cache being down must not fail a write; entries expire on their own
        logger.warning("Could not renew the reading pages' version %s", key, exc_info=True)


def _bump_now_and_on_commit(key: str) -> None:
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def site_content_changed(*, site_id: int) -> None:
    """What the reading pages of ``site_id`` show has changed (call it inside the writing transaction)."""
    _bump_now_and_on_commit(_site_version_key(site_id))


def public_content_changed() -> None:
    """Data shown on the reading pages of every site has changed (an edition, a theme, a name...)."""
    _bump_now_and_on_commit(_ALL)


def whole_page_applies(*, user) -> bool:
    """Whether ``user`` gets whole pages from the cache: anonymous visitors only."""
    return not user.is_authenticated


def _page_key(*, site_id: int, name: str, parts: Sequence[str]) -> str:
    identity = json.dumps([name, site_id, get_language(), list(parts)])
    return f"{_PREFIX}:{name}:{hashlib.sha256(identity.encode()).hexdigest()}"


def site_cached(*, site_id: int, name: str, parts: Sequence[str], build: Callable[[], T]) -> T:
    """The cached ``build()`` of ``name`` for ``site_id`` with ``parts`` (filters, page...).

    ``build()`` must give the same result to everyone the entry serves. A hit is one round trip to the
    cache and no query: the entry and the current content versions are read together, and the entry is
    served only if it was built under exactly these versions. On a miss the versions are read *before*
    ``build()`` runs, so a write that commits while the entry is being built leaves an entry that no
    later reader accepts. The key also holds the active language.
    """
    key = _page_key(site_id=site_id, name=name, parts=parts)
    version_keys = [_ALL, _site_version_key(site_id)]
    try:
        found = cache.get_many([*version_keys, key])
        versions = [found.get(version_key) for version_key in version_keys]
        entry = found.get(key)
        if entry is not None and None not in versions and entry[0] == versions:
            return entry[1]
        for index, version_key in enumerate(version_keys):
            if versions[index] is None:  # lost or never set: a new random token, which no old entry holds
                cache.add(version_key, uuid.uuid4().hex, VERSION_TIMEOUT)
                versions[index] = cache.get(version_key)
    except Exception:  # with the cache down, it is built for this request, never a 500
        logger.warning("Reading pages' cache unavailable; building without it", exc_info=True)
        return build()
    value = build()
    try:
        cache.set(key, (versions, value), ENTRY_TIMEOUT)
    except Exception:
        logger.warning("Could not store a reading page's entry", exc_info=True)
    return value
