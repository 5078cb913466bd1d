"""SIKAP settings. Everything that differs between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import (
    ImproperlyConfiguredEnv,
    database_key,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SIKAP_VAR_DIR", str(BASE_DIR / "var")))

TESTING = env_bool("SIKAP_TESTING", False)  # set by config/settings_test.py
DEBUG = env_bool("DEBUG", False)

_DEV_SECRET = "dev-only-insecure-key-not-for-production-use-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if (DEBUG or TESTING) else None)
if not (DEBUG or TESTING) and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfiguredEnv("SECRET_KEY must be set to a secret value in production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "sikap.accounts",
    "sikap.org",
    "sikap.cycle",
    "sikap.planning",
    "sikap.evaluation",
    "sikap.surveys",
    "sikap.complaints",
    "sikap.development",
    "sikap.worklog",
    "sikap.dashboards",
]

MIDDLEWARE = [
    "config.security.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise (which serves static files compressed ahead), above everything that
    # writes a page: pages, htmx swaps and JSON leave gzipped (config/compression.py).
    "config.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "sikap.accounts.twofactor_middleware.RequireTwoFactorMiddleware",
    "sikap.accounts.password_middleware.RequirePasswordChangeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% form_once %} in every create form, without a {% load %} (sikap.accounts.formonce)
            "builtins": ["sikap.accounts.templatetags.formonce"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sikap.accounts.context_processors.navigation",
                "config.security.csp_nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sikap.sqlite3'}"),
        # Persistent connections: opening one per request halved the throughput of a page.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # PostgreSQL's default cost model assumes spinning disks (random_page_cost 4): it then
    # prefers reading a whole 1.5 M-row table to a few thousand index look-ups, e.g. counting
    # the services of a kecamatan's officers took 117 ms instead of 13 ms at city scale. Set
    # per connection, so a shared server keeps its own default for other databases.
    # JIT compilation pays off for long reports, not for a page's queries: at city scale it
    # spent 40 ms compiling one 320 ms count of the curves (DB_JIT=on brings it back).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={env_float('DB_RANDOM_PAGE_COST', 1.1)}"
        f" -c jit={'on' if env_bool('DB_JIT', False) else 'off'}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sikap.accounts.backends.NipOrUsernameBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
# One counter per account, whatever alias was typed (NIP, username in any case): see
# sikap.accounts.signin. Failures per address (password spraying) have their own, higher budget
# below, so one office behind a shared address is not locked out by a colleague.
# Failures per address are limited by sikap/accounts/signin.py (SIGNIN_ADDRESS_LIMIT across all
# accounts) rather than by a five-failure axes lockout, so one office behind a shared address is
# not locked out by a colleague's typos. The (username, address) pair locks no more than the
# username alone; it is listed so axes records and shows the address of each lockout (axes.W006).
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "sikap.accounts.signin.axes_username"
# (failed sign-ins, seconds) from one address across all accounts; (requests, seconds) of reset.
SIGNIN_ADDRESS_LIMIT = (env_int("SIGNIN_ADDRESS_LIMIT", 20), 15 * 60)
PASSWORD_RESET_LIMIT = (env_int("PASSWORD_RESET_LIMIT", 6), 60 * 60)
AXES_RESET_ON_SUCCESS = True
# Two-step sign-in (sikap.accounts.twofactor): required for the Superadmin, Admin Kepegawaian and
# Auditor everywhere but in the test suite, whose personas sign in without an authenticator app
# (the two-step tests switch it on). Not read from the environment, so no deploy can drop it.
TWO_FACTOR_REQUIRED = not TESTING
OTP_TOTP_ISSUER = "SIKAP"
# Wrong codes in a row before a pending sign-in is dropped (django-otp also slows each device).
TWO_FACTOR_ATTEMPTS = 5
# Seconds between the password and the code before the password must be typed again.
TWO_FACTOR_PENDING_SECONDS = 5 * 60
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "sikap.lib.clientip.axes_client_ip"
# Number of reverse proxies in front of SIKAP that append to X-Forwarded-For (nginx: 1).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# "16 Desember 2026" wherever a date is shown, in both languages (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files live outside the web root and are only served by views that check permission.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
# UU 27/2022 PDP: days a survey respondent's comment and profile are kept (a unit may override).
SURVEY_RETENTION_DAYS = env_int("SURVEY_RETENTION_DAYS", 730)
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Whole request bodies, refused from Content-Length before they are read (config.security).
# Plain forms and the API need little; upload pages get room for their files (a complaint
# carries up to three attachments).
REQUEST_BODY_MAX_BYTES = 1024 * 1024
REQUEST_BODY_LIMITS = {
    "/pengaduan/": 3 * UPLOAD_MAX_BYTES + 1024 * 1024,
    "/skp/": UPLOAD_MAX_BYTES + 1024 * 1024,
    "/pengembangan/": UPLOAD_MAX_BYTES + 1024 * 1024,
    "/survei/": UPLOAD_MAX_BYTES + 1024 * 1024,
    "/org/": UPLOAD_MAX_BYTES + 1024 * 1024,
    "/admin/": UPLOAD_MAX_BYTES + 1024 * 1024,
}

# Rate limits, lockouts and duplicate checks must be shared by every process: Redis when
# REDIS_URL is set (several app servers), else a file cache under var/ (one server).
REDIS_URL = env_str("REDIS_URL", "")
# Keys are prefixed with the database they describe: two instances sharing one Redis (a city's
# production and its training copy, say) must never read each other's kept scopes or figures.
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", database_key(DATABASES["default"]))
CACHES: dict[str, dict[str, Any]]
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            # Django's own file cache neither counts atomically nor keeps a counter's expiry.
            "BACKEND": "sikap.lib.cache.LockingFileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Django keeps 300 entries by default, then deletes a third of them on the next
            # write: a kecamatan's scopes, snapshots, evidence and rate-limit counters pass that
            # within minutes, and every write then evicted what the next page needed.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 10_000)},
        }
    }

# Days a claimed create-form token is kept (sikap.accounts.formonce): a page re-submitted later
# than this creates its record again. Purged by `manage.py purge_form_submissions`.
FORM_ONCE_DAYS = env_int("FORM_ONCE_DAYS", 7)

# Seconds a user's scope (what they may see, whom they supervise) is kept in the shared cache.
# Every change to units, positions, employees, assignments, overrides or roles replaces it at
# once (sikap/org/chart.py); this only bounds how long any scope is kept. 0 works it out on
# every request.
SCOPE_CACHE_SECONDS = env_int("SCOPE_CACHE_SECONDS", 5 * 60)

# Seconds the leaders' figures of a unit (the engagement page, the glance on the camat's and
# lurah's home) are kept in the shared cache before they are counted again; the pages say when
# they were counted. `manage.py refresh_figures` counts them ahead for every unit with a leader.
SNAPSHOT_SECONDS = env_int("SNAPSHOT_SECONDS", 10 * 60)

# Seconds without a heartbeat before a running employee import counts as killed (its process
# died) and is marked failed, ready to be retried. Validation beats every 500 rows; the import
# itself is one transaction, so this is longer than the longest import.
IMPORT_HEARTBEAT_TIMEOUT = env_int("IMPORT_HEARTBEAT_TIMEOUT", 10 * 60)

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Outbox senders never wait for ever on a silent mail server.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SIKAP Kecamatan Plaju <sikap@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people open SIKAP at, for links in e-mails (a deploy check insists on it).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if (DEBUG or TESTING) else "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the body's hx-headers instead
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not (DEBUG or TESTING):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Shared by every page: the instansi printed on documents.
SIKAP_INSTANSI = env_str("SIKAP_INSTANSI", "PEMERINTAH KOTA PALEMBANG")
SIKAP_DEMO_PASSWORD = env_str("SIKAP_DEMO_PASSWORD", "plaju2026")
# The authenticator secret (base32) and one recovery code `load_demo` gives the demo users who
# must use two-step verification.
SIKAP_DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105  (demo data only)
SIKAP_DEMO_RECOVERY_CODE = "demoplaju"
