"""Settings come from the environment and a wrong value stops start-up with one line naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from innovation.env import (
    PREPARE_THRESHOLD,
    SettingsError,
    env_bool,
    env_database,
    env_email,
    env_int,
    env_list,
    env_redis_url,
)

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x8#f2k!pq0v9s7d6f5g4h3j2k1l0z9x8c7v6b5n4m3q2w1e0r9t8y7u6i5o4p3",
    "ALLOWED_HOSTS": "defis.example.fr",
    "CSRF_TRUSTED_ORIGINS": "https://defis.example.fr",
    "DATABASE_URL": "sqlite:////tmp/defis-settings-test.sqlite3",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    ignored = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_secret_key_in_production_stops_with_one_line():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY must be set (DEBUG is off; use a long random value)."
    ]


def test_bad_database_url_stops_with_one_line_naming_it():
    result = manage("check", **{**PRODUCTION, "DATABASE_URL": "mysql://nobody@localhost/defis"})

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DATABASE_URL" in lines[0]


def test_bad_boolean_names_the_variable():
    result = manage("check", **{**PRODUCTION, "SECURE_SSL_REDIRECT": "perhaps"})

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be a boolean" in result.stderr


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_behind_a_proxy_keep_check_deploy_clean():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, PROXY_COUNT="1", SECURE_SSL_REDIRECT="0"
    )

    # Behind a TLS-terminating proxy the redirect may be left to the proxy: Django warns (W008) about it.
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("YES", True), ("0", False), ("off", False), ("", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", not expected) is expected


def test_env_int_rejects_text_and_values_below_minimum(monkeypatch):
    monkeypatch.setenv("WORKERS", "two")
    with pytest.raises(SettingsError, match="WORKERS must be an integer"):
        env_int("WORKERS", 1)
    monkeypatch.setenv("WORKERS", "-1")
    with pytest.raises(SettingsError, match="WORKERS must be at least 0"):
        env_int("WORKERS", 1, minimum=0)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.fr, b.fr ,,")
    assert env_list("HOSTS", []) == ["a.fr", "b.fr"]


def test_env_database_reads_postgres_and_rejects_others(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5433/defis")
    config = env_database("DATABASE_URL", "sqlite:///x")
    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "db",
        5433,
        "defis",
    )
    monkeypatch.setenv("DATABASE_URL", "not a url")
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:///x")


def test_env_database_binds_on_the_server_so_that_postgresql_prepares_repeated_queries(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5433/defis")
    assert env_database("DATABASE_URL", "sqlite:///x")["OPTIONS"] == {
        "server_side_binding": True,
        "prepare_threshold": PREPARE_THRESHOLD,
    }
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.sqlite3")
    assert "server_side_binding" not in env_database("DATABASE_URL", "sqlite:///x").get("OPTIONS", {})


@pytest.mark.django_db
def test_a_query_run_again_on_a_connection_is_a_prepared_statement():
    from django.db import connection

    from innovation.models import Organisation

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(PREPARE_THRESHOLD + 1):
        list(Organisation.objects.filter(name="Rennes Métropole").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]

    assert any('FROM "innovation_organisation"' in statement for statement in prepared), prepared


def test_env_redis_url_must_be_redis(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://cache:6379")
    with pytest.raises(SettingsError, match="REDIS_URL must be a redis://"):
        env_redis_url("REDIS_URL")


def test_env_email_reads_an_smtp_url(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://mailer%40defis.fr:s3cret@smtp.example.fr:587")
    config = env_email("EMAIL_URL")
    assert config["EMAIL_HOST"] == "smtp.example.fr"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "mailer@defis.fr"
    assert config["EMAIL_HOST_PASSWORD"] == "s3cret"
    assert config["EMAIL_USE_TLS"] is True
    monkeypatch.setenv("EMAIL_URL", "pop3://nope")
    with pytest.raises(SettingsError, match="EMAIL_URL must be"):
        env_email("EMAIL_URL")


def site_url(**env: str) -> str:
    result = manage("shell", "-c", "from django.conf import settings; print(settings.SITE_URL)", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_site_url_follows_host_and_port_in_development():
    development = {"DEBUG": "1", "DATABASE_URL": PRODUCTION["DATABASE_URL"], "SITE_URL": ""}

    assert site_url(**development, HOST="127.0.0.1", PORT="8001") == "http://127.0.0.1:8001"
    assert site_url(**development, HOST="localhost", PORT="9000") == "http://localhost:9000"
    assert site_url(**{**development, "PORT": "8001", "SITE_URL": "https://defis.example.fr/"}) == (
        "https://defis.example.fr"
    )


def test_site_url_ignores_port_in_production():
    assert site_url(**{**PRODUCTION, "PORT": "8001", "SITE_URL": ""}) == "http://127.0.0.1:8000"


def test_make_run_passes_host_and_port_to_the_settings():
    result = subprocess.run(
        ["make", "-n", "run", "HOST=127.0.0.1", "PORT=8001"], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert "HOST=127.0.0.1 PORT=8001" in result.stdout
    assert "runserver 127.0.0.1:8001" in result.stdout
