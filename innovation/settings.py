"""Settings of Défis: one file, driven by the environment (see README, "Configuration").

Development defaults need nothing: a SQLite file, e-mails on the console and
Celery tasks run eagerly. Production behaviour is switched on by variables:
``DEBUG=0`` requires a real ``SECRET_KEY`` and turns on the security settings
that ``manage.py check --deploy`` looks for.
"""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from innovation.env import (
    SettingsError,
    env_bool,
    env_database,
    env_email,
    env_int,
    env_list,
    env_redis_url,
    env_required,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# A development checkout keeps its variables in .env (written by `make install` with DEBUG=1);
# variables already in the environment win. Production images have no .env.
load_dotenv(BASE_DIR / ".env", override=False)

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-development-key-never-used-in-production"
else:
    SECRET_KEY = env_required("SECRET_KEY", reason="DEBUG is off; use a long random value")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise SettingsError("SECRET_KEY must be at least 50 random characters when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# In development `make run HOST=… PORT=…` exports HOST and PORT, so links in e-mails point at the
# server actually running; SITE_URL, when set, always wins.
_DEVELOPMENT_SITE_URL = f"http://{env_str('HOST') or '127.0.0.1'}:{env_str('PORT') or '8000'}"
SITE_URL = (env_str("SITE_URL") or (_DEVELOPMENT_SITE_URL if DEBUG else "http://127.0.0.1:8000")).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's list of security keys uses it
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "innovation",
    "challenges",
    "grids",
    "testsessions",
    "reports",
    "labs",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "innovation.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "innovation.middleware.StaffTwoFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "innovation.urls"
WSGI_APPLICATION = "innovation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innovation.context_processors.navigation",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must hold a person clicking fast (issue 10): readers never block the writer
    # (WAL), a writer waits for another one rather than failing (busy timeout, in seconds), and each
    # transaction takes the write lock when it begins, so two autosaves never deadlock on an upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "defis",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache (Redis in production) and written through to the database: a signed-in
# page does not query the session table (the served benchmark's signed-in floor, README).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "innovation.User"
AUTHENTICATION_BACKENDS = [
    # rules answers every permission; the second backend only checks e-mail and password (no model permissions,
    # no superuser bypass: a superuser holds what the staff rules give, nothing role-only).
    "rules.permissions.ObjectPermissionBackend",
    "innovation.backends.AuthenticateOnlyBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "innovation.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION") or ("optional" if DEBUG else "mandatory")
if ACCOUNT_EMAIL_VERIFICATION not in {"mandatory", "optional", "none"}:
    raise SettingsError("ACCOUNT_EMAIL_VERIFICATION must be mandatory, optional or none.")
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Défis] "
# Défis offers e-mail and password only, with verification and reset by a link in an e-mail.
# Each code flow is switched off by name, so a new default in an allauth release adds no page
# (tests/test_url_coverage.py lists the allauth pages that exist).
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# allauth registers its reauthentication-by-code pages whatever the settings; without "code"
# here they answer 403. Phone numbers stay off by leaving "phone" out of ACCOUNT_SIGNUP_FIELDS.
# A person with two-factor sign-in confirms a sensitive action with their password or a code of their app.
ACCOUNT_REAUTHENTICATION_METHODS = {"password", "mfa"}
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", True)

# Two-factor sign-in (allauth.mfa, under /accounts/2fa/): an authenticator app (TOTP) with recovery
# codes, or security keys (WebAuthn; tests/e2e/test_security_key.py drives Chromium's virtual one).
# Anyone may switch it on; staff must (innovation.middleware.StaffTwoFactorMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Security keys need HTTPS, except on a development machine (http://localhost, where the tests run).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Défis"
# The trusted-browser cookie stays off: the cookies are the session's, the language's and CSRF's only.
MFA_TRUST_ENABLED = False
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 14, minimum=1)

# Messages travel in the session: the only cookies are the session's, the language's and CSRF's
# (the personal-data page says so; tests/e2e/test_personal_data.py checks it).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
globals().update(env_email("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "Défis <noreply@defis.localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["innovation.formats"]  # English dates in the pages' one style
TIME_ZONE = env_str("TIME_ZONE") or "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MANIFEST_STRICT = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Security (production is the default; DEBUG=1 relaxes it) -------------
PROXY_COUNT = env_int("PROXY_COUNT", 0, minimum=0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles come only from our static files, never
# inline (tests/innovation/test_security_headers.py scans every template for inline code).
# allauth's QR code for the authenticator app is a data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Celery ---------------------------------------------------------------
# With no REDIS_URL, tasks run eagerly in the web process: a newcomer needs nothing.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker child is replaced once it holds more than this (in KiB) after a task, so that the memory of a
# long report is given back; and after this many tasks whatever happens.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 400_000, minimum=50_000)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200, minimum=1)
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "innovation.tasks.notification_send": {"queue": "mail"},
    # Reports run on their own queue, so a long report never delays an invitation.
    "innovation.tasks.export_build": {"queue": "reports"},
    "innovation.tasks.*": {"queue": "default"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A message not acknowledged within this time is handed to another worker.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {
        "task": "innovation.tasks.notifications_sweep",
        "schedule": 300.0,
    },
    # Daily digest of the notifications people chose to receive that way (CELERY_TIMEZONE: Europe/Paris).
    "notifications-digest": {
        "task": "innovation.tasks.digests_send",
        "schedule": crontab(hour=7, minute=30),
    },
    # Reminders the day before a site starts; before the digest, so a reminder chosen "digest" is in it.
    "site-reminders": {
        "task": "challenges.tasks.site_reminders_send",
        "schedule": crontab(hour=6, minute=0),
    },
    # Reminders the day before a test session, to its site's facilitators and the teams with a stand.
    "test-session-reminders": {
        "task": "testsessions.tasks.session_reminders_send",
        "schedule": crontab(hour=6, minute=5),
    },
    # Labs: reminders of tomorrow's lab sessions (with their agenda), of the charter waiting for acceptance,
    # of authorisations ending within 30 days (and expiry), of next steps due; before the digest too.
    "labs-session-reminders": {"task": "labs.tasks.session_reminders_send", "schedule": crontab(hour=6, minute=10)},
    "labs-charter-reminders": {"task": "labs.tasks.charter_reminders_send", "schedule": crontab(hour=6, minute=15)},
    "labs-authorisations": {"task": "labs.tasks.authorisations_check", "schedule": crontab(hour=6, minute=20)},
    "labs-next-step-reminders": {"task": "labs.tasks.next_step_reminders_send", "schedule": crontab(hour=6, minute=25)},
    # Accompaniment plans: actions due in 3 days, and overdue ones; before the digest, so they can be in it.
    "accompaniment-reminders": {
        "task": "grids.tasks.accompaniment_reminders_send",
        "schedule": crontab(hour=6, minute=30),
    },
    "exports-sweep": {
        "task": "innovation.tasks.exports_sweep",
        "schedule": 30.0,  # one indexed query: a job whose runner died is taken over within a lease and 30 s
    },
    "exports-purge-expired": {
        "task": "innovation.tasks.exports_purge_expired",
        "schedule": 3600.0,
    },
    # Files kept from forms that came back with an error (challenges.services.uploads).
    "held-uploads-sweep": {
        "task": "challenges.tasks.held_uploads_sweep",
        "schedule": 3600.0,
    },
}
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 5, minimum=1)
NOTIFICATION_SWEEP_AFTER_SECONDS = env_int("NOTIFICATION_SWEEP_AFTER_SECONDS", 120, minimum=0)

# --- Exports (session reports) ----------------------------------------------
EXPORT_EXPIRY_DAYS = env_int("EXPORT_EXPIRY_DAYS", 7, minimum=1)
# A queued export whose message was not taken for this long is sent again by the sweep.
EXPORT_STALE_AFTER_SECONDS = env_int("EXPORT_STALE_AFTER_SECONDS", 300, minimum=10)
# A runner holds its export for this long and renews the lease on a clock (every third of it) while it
# builds; a lease that ran out means the runner died, and the next delivery or the sweep takes the job over.
EXPORT_LEASE_SECONDS = env_int("EXPORT_LEASE_SECONDS", 90, minimum=3)
EXPORT_PROGRESS_EVERY = env_int("EXPORT_PROGRESS_EVERY", 2000, minimum=1)  # rows between progress saves

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    # WeasyPrint logs every page it lays out: too chatty for the report worker's log.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# --- Challenges (h3a) -------------------------------------------------------
# Largest attachment of a challenge; Django's own DATA_UPLOAD_MAX_MEMORY_SIZE counts non-file fields only.
CHALLENGE_ATTACHMENT_MAX_BYTES = env_int("CHALLENGE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)

# --- Public information pages: legal notice, accessibility statement, personal data ------------
# Who runs this instance; the legal notice and the personal-data page name them (README, Configuration).
LEGAL_OPERATOR = env_str("LEGAL_OPERATOR") or "CNFPT (Centre national de la fonction publique territoriale)"
LEGAL_PUBLICATION_DIRECTOR = env_str("LEGAL_PUBLICATION_DIRECTOR") or ""
LEGAL_HOST = env_str("LEGAL_HOST") or ""
# Where people write about accessibility and their personal data.
CONTACT_EMAIL = env_str("CONTACT_EMAIL") or "contact@defis.localhost"
