"""Typed readers for the environment variables that configure Défis.

Each reader names the variable in its error, so a wrong value stops start-up
with one line that says what to fix (``manage.py`` and ``wsgi.py`` print
:class:`SettingsError` as that single line).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ImproperlyConfigured):
    """A configuration variable is missing or has a value we cannot use."""


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_required(name: str, *, reason: str) -> str:
    value = env_str(name)
    if not value:
        raise SettingsError(f"{name} must be set ({reason}).")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), got {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingsError(f"{name} must be an integer, got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


# A connection prepares a query the second time it runs it (psycopg's own default is five).
PREPARE_THRESHOLD = 2


def env_database(name: str, default: str) -> dict[str, Any]:
    url = env_str(name) or default
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types on bad URLs
        raise SettingsError(f"{name} is not a usable database URL: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
        raise SettingsError(f"{name} must be a postgres:// or sqlite:// URL, got {url!r}.")
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        raise SettingsError(f"{name} must name a database, got {url!r}.")
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
    else:
        # Server-side parameters, so that a query a connection runs again is a prepared statement: PostgreSQL
        # stops planning it again (several milliseconds for a page's main query, measured by the served
        # benchmark). A transaction-mode pooler in front must support them (PgBouncer 1.21+).
        config["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": PREPARE_THRESHOLD}
    return config


def env_redis_url(name: str) -> str | None:
    url = env_str(name)
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"} or not parts.hostname:
        raise SettingsError(f"{name} must be a redis:// or rediss:// URL, got {url!r}.")
    return url


def env_email(name: str) -> dict[str, Any]:
    """Read an e-mail URL: ``smtp://user:pass@host:587?tls=1``, ``smtps://...``, ``file:///folder`` or ``console://``."""
    url = env_str(name)
    if not url:
        return {}
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "file":
        if not parts.path:
            raise SettingsError(f"{name} must name a folder: file:///path/to/folder")
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": parts.path}
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise SettingsError(f"{name} must be smtp://, smtps://, file:// or console://, got {parts.scheme}://...")
    try:
        port = parts.port
    except ValueError:
        raise SettingsError(f"{name} has an invalid port.") from None
    query = dict(item.split("=", 1) for item in parts.query.split("&") if "=" in item)
    use_ssl = parts.scheme == "smtps"
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if use_ssl else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_USE_TLS": not use_ssl and query.get("tls", "1") not in _FALSE,
    }
