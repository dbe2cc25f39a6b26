"""The cache of the public reading pages (a site's challenges, a challenge) for anonymous visitors.

Only anonymous visitors use it: they all see the same thing (published challenges, no action), so a
fragment rendered for one is right for every other. Signed-in people always get a fresh page.

A cached fragment's key holds two *content versions*, a random token kept in the cache:

- one per site, changed by :func:`site_content_changed` whenever something a site page or one of its
  challenge pages shows changes (a challenge, its team, phase contents, reformulations, links,
  attachments, an import, the site itself); :func:`challenges.services.audit.audit_record` calls it,
  since every write to a challenge records an audit entry;
- one for all sites, changed by :func:`public_content_changed` when data shared between sites changes
  (an edition, a theme, an organisation's or a person's name, any edit through the admin).

A new version makes every older fragment unreachable (they expire after ``FRAGMENT_TIMEOUT``). The
version changes when the transaction commits (so a reader never caches the old content under the new
version) and also at once (so code running inside the transaction, such as a test, reads its own
writes). A lost or evicted version is replaced by a new random token: it can never match old fragments.
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

FRAGMENT_TIMEOUT = 10 * 60  # also bounds any change made outside the services (a shell, a raw SQL fix)
VERSION_TIMEOUT = 7 * 24 * 60 * 60
_PREFIX = "public-pages"
_ALL = f"{_PREFIX}:version:all"


def _site_version_key(site_id: int) -> str:
    return f"{_PREFIX}:version:site:{site_id}"


def _bump(key: str) -> None:
    try:
        cache.set(key, uuid.uuid4().hex, VERSION_TIMEOUT)
    except Exception:  # the cache being down must not fail a write; fragments expire on their own
        logger.warning("Could not renew the public pages' version %s", key, exc_info=True)


def _bump_now_and_on_commit(key: str) -> None:
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def site_content_changed(*, site_id: int) -> None:
    """What the public pages of ``site_id`` show has changed (call it inside the writing transaction)."""
    _bump_now_and_on_commit(_site_version_key(site_id))


def public_content_changed() -> None:
    """Data shown on the public pages of every site has changed (an edition, a theme, a name...)."""
    _bump_now_and_on_commit(_ALL)


def public_cache_applies(*, user) -> bool:
    """Whether ``user`` sees the shared, cached public pages: anonymous visitors only."""
    return not user.is_authenticated


def _versions(site_id: int) -> list[str]:
    keys = [_ALL, _site_version_key(site_id)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, VERSION_TIMEOUT)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def public_fragment(*, site_id: int, name: str, parts: Sequence[str], build: Callable[[], T]) -> T:
    """The cached ``build()`` for the page ``name`` of ``site_id`` with ``parts`` (filters, page...).

    The key also holds the content versions and the active language.
    """
    try:
        identity = json.dumps([name, site_id, _versions(site_id), get_language(), list(parts)])
        key = f"{_PREFIX}:{name}:{hashlib.sha256(identity.encode()).hexdigest()}"
        value = cache.get(key)
    except Exception:  # with the cache down, the page is rendered for this request, never a 500
        logger.warning("Public pages' cache unavailable; rendering without it", exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, FRAGMENT_TIMEOUT)
        except Exception:
            logger.warning("Could not store a public page fragment", exc_info=True)
    return value
