"""ECoC Hub settings.

One module, driven by environment variables (read through ``core/env.py``).
Every default lets a fresh clone run on SQLite with no configuration;
production sets at least ``SECRET_KEY`` (or keeps the generated one in the
data directory), ``ALLOWED_HOSTS`` and ``DEBUG=false``. See docs/operators.md
for the full list.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.env import env_bool as _env_bool
from ecoc_hub.core.env import env_int as _env_int
from ecoc_hub.core.env import env_lines as _env_lines
from ecoc_hub.core.env import env_list as _env_list

PACKAGE_DIR = Path(__file__).resolve().parent
TESTING = bool(os.environ.get("PYTEST_VERSION"))


def _default_data_dir() -> Path:
    if TESTING:
        # Each test run gets its own throw-away data directory.
        import tempfile

        return Path(tempfile.mkdtemp(prefix="ecoc-hub-test-"))
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "ecoc-hub"


DATA_DIR = Path(os.environ.get("ECOC_HUB_DATA_DIR") or _default_data_dir()).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY, or a key generated once and kept in the data directory."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # Created with owner-only permissions before anything is written to it.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG", False)
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Transport security follows the public address: a site published over HTTPS
# gets secure cookies, HSTS and the redirect; a local http:// run does not.
HTTPS = SITE_URL.startswith("https://")
SITE_ID = 1

INSTALLED_APPS = [
    "ecoc_hub.core",
    "ecoc_hub.accounts",
    "ecoc_hub.cities",
    "ecoc_hub.search",
    "ecoc_hub.library",
    "ecoc_hub.podcasts",
    "ecoc_hub.events",
    "ecoc_hub.experts",
    "ecoc_hub.courses",
    "ecoc_hub.assessment",
    "ecoc_hub.community",
    "ecoc_hub.dashboard",
    "ecoc_hub.certificates",
    "ecoc_hub.api",
    "ninja",  # serves the API docs' Swagger UI from static files, not a CDN
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ecoc_hub.core.replicas.ReplicaMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "ecoc_hub.accounts.middleware.UserLanguageMiddleware",
    "ecoc_hub.accounts.middleware.RequireMFAMiddleware",
    "ecoc_hub.api.throttles.RateLimitHeadersMiddleware",
]

ROOT_URLCONF = "ecoc_hub.urls"
WSGI_APPLICATION = "ecoc_hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ecoc_hub.core.context_processors.site",
                "ecoc_hub.core.context_processors.staff_menu",
            ],
        },
    }
]

# One form layout for the whole site (core/templates/core/forms/).
FORM_RENDERER = "ecoc_hub.core.forms.FormRenderer"

# Database: SQLite in the data directory unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'ecoc-hub.sqlite3'}",
        conn_max_age=_env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the
        # busy timeout instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    # Tests use a file too, not Django's shared-cache in-memory database: there
    # a second connection gets "table is locked" at once instead of waiting
    # on the busy timeout, so concurrent transactions (tests/events/
    # test_concurrency.py) could not be tested as they run in production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-ecoc-hub.sqlite3")}
if replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    # A PostgreSQL streaming replica for searches and listings (core/replicas.py).
    DATABASES["replica"] = {
        **dj_database_url.parse(
            replica_url, conn_max_age=_env_int("DATABASE_CONN_MAX_AGE", 0)
        ),
        # Django's own test runs see the replica as the primary's mirror.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["ecoc_hub.core.replicas.ReplicaRouter"]
# How long after a write a browser keeps reading from the primary.
DATABASE_REPLICA_PIN_SECONDS = _env_int("DATABASE_REPLICA_PIN_SECONDS", 15)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ecoc_hub_cache",
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
if redis_url := os.environ.get("REDIS_URL"):
    # One cache for every web process and machine: rate limits, sessions.
    # The key prefix lets several installations (or test runs) share a Redis.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ecoc-hub"),
    }
    # Sessions are read from Redis and written through to the database, so a
    # Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
if TESTING:
    # Key stretching is what makes real hashes slow; tests do not need it.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "ecoc_hub.accounts.forms.SignupDetailsForm"
ACCOUNT_USER_DISPLAY = "ecoc_hub.accounts.adapter.user_display"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "ecoc_hub.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ECoC Hub] "
MFA_ADAPTER = "ecoc_hub.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ECoC Hub"
MFA_FORMS = {"activate_totp": "ecoc_hub.accounts.totp.ActivateTOTPForm"}

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("de", _("German"))]
LANGUAGE_COOKIE_NAME = "ecoc_hub_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Each app keeps its own catalogue in <app>/locale (see docs/developers.md).
LOCALE_PATHS: list[Path] = []
USE_I18N = True
# Unambiguous European dates and a 24-hour clock in every language.
FORMAT_MODULE_PATH = ["ecoc_hub.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_TZ = True

# Static files and uploads
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or DATA_DIR / "static")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or DATA_DIR / "media")
MEDIA_URL = "/media/"
# favicon.ico, apple-touch-icon.png and icon.svg, served at the site root.
WHITENOISE_ROOT = PACKAGE_DIR / "core" / "root"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not TESTING
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if bucket := os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "region_name": os.environ.get("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            # Signature version 4: the only one every S3 region accepts.
            "signature_version": os.environ.get("S3_SIGNATURE_VERSION") or "s3v4",
        },
    }
# With S3: whole-file downloads above this size go straight to the object
# store by a signed URL valid this long (core/objectstore.py); 0: never.
ECOC_HUB_S3_REDIRECT_OVER_BYTES = _env_int("ECOC_HUB_S3_REDIRECT_OVER_BYTES", 8 << 20)
ECOC_HUB_S3_SIGNED_URL_SECONDS = _env_int("ECOC_HUB_S3_SIGNED_URL_SECONDS", 300)
# Uploads kept between a form's failed validation and its next submission;
# outside MEDIA_ROOT so that nothing ever serves them.
STORAGES["staging"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": Path(
            os.environ.get("ECOC_HUB_STAGING_ROOT") or DATA_DIR / "staging"
        ),
        "base_url": None,
    },
}
if bucket:
    STORAGES["staging"] = {
        **STORAGES["default"],
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "staging"},
    }
# Staged uploads left by a form nobody came back to are deleted after this.
ECOC_HUB_STAGED_UPLOAD_HOURS = _env_int("ECOC_HUB_STAGED_UPLOAD_HOURS", 24)
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ECOC_HUB_MAX_UPLOAD_MB = _env_int("ECOC_HUB_MAX_UPLOAD_MB", 200)
# Library uploads: a ceiling per family of formats (never above the global one),
# and bounds for ZIP-based office files checked before anything is unpacked.
ECOC_HUB_UPLOAD_LIMITS_MB = {
    "document": _env_int("ECOC_HUB_MAX_DOCUMENT_MB", 100),
    "text": _env_int("ECOC_HUB_MAX_TEXT_MB", 10),
    "image": _env_int("ECOC_HUB_MAX_IMAGE_MB", 25),
    "audio": _env_int("ECOC_HUB_MAX_AUDIO_MB", 200),
    "video": _env_int("ECOC_HUB_MAX_VIDEO_MB", 200),
    "captions": _env_int("ECOC_HUB_MAX_CAPTIONS_MB", 2),
}
ECOC_HUB_ZIP_MAX_UNPACKED_MB = _env_int("ECOC_HUB_ZIP_MAX_UNPACKED_MB", 300)
ECOC_HUB_ZIP_MAX_FILES = _env_int("ECOC_HUB_ZIP_MAX_FILES", 3000)
# What one file may hold once read: PDF pages, slides (PPTX, ODP) and WebVTT
# cues (library captions and podcast transcripts). Checked at upload, and again
# by the extractor for files stored before a limit was lowered; each page or
# cue becomes a row of the search index.
ECOC_HUB_MAX_PAGES = _env_int("ECOC_HUB_MAX_PAGES", 5000)
ECOC_HUB_MAX_SLIDES = _env_int("ECOC_HUB_MAX_SLIDES", 1000)
ECOC_HUB_MAX_CUES = _env_int("ECOC_HUB_MAX_CUES", 10000)
ECOC_HUB_EXTRACTION_TIMEOUT = _env_int("ECOC_HUB_EXTRACTION_TIMEOUT", 120)
ECOC_HUB_EXTRACTION_MEMORY_MB = _env_int("ECOC_HUB_EXTRACTION_MEMORY_MB", 1024)

# E-mail: EMAIL_URL names the server. Without it a local run prints mail on the
# console, and a public (https) site hands it to the local MTA on port 25, as
# Django does by default, instead of silently dropping it.
_email = dj_email_url.parse(
    os.environ.get("EMAIL_URL") or ("smtp://localhost:25" if HTTPS else "console://")
)
_mail_options: dict[str, object] = {}
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    _mail_options = {
        "host": _email["EMAIL_HOST"],
        "port": _email["EMAIL_PORT"],
        "username": _email["EMAIL_HOST_USER"] or None,
        "password": _email["EMAIL_HOST_PASSWORD"] or None,
        "use_tls": bool(_email["EMAIL_USE_TLS"]),
        "use_ssl": bool(_email["EMAIL_USE_SSL"]),
        "timeout": 30,
    }
elif _email["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend":
    _mail_options = {"file_path": _email["EMAIL_FILE_PATH"]}
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ECoC Hub <hub@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people report accessibility problems and exercise their privacy rights.
ECOC_HUB_CONTACT_EMAIL = os.environ.get(
    "ECOC_HUB_CONTACT_EMAIL", "accessibility@localhost"
)


# What happens to a person's published contributions when they delete their
# account: "" lets each person choose; keep, anonymise or remove fixes it.
# A new member's first post in a shared discussion space waits for a
# moderator (community app); "false" publishes it at once.
ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS = _env_bool(
    "ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS", True
)
ECOC_HUB_CONTRIBUTIONS_ON_DELETION = os.environ.get(
    "ECOC_HUB_CONTRIBUTIONS_ON_DELETION", ""
)
if ECOC_HUB_CONTRIBUTIONS_ON_DELETION not in {"", "keep", "anonymise", "remove"}:
    raise ImproperlyConfigured(
        "ECOC_HUB_CONTRIBUTIONS_ON_DELETION must be keep, anonymise or remove"
    )

# Who runs this site: the about, contact and legal notice pages show these.
ECOC_HUB_OPERATOR = {
    "name": os.environ.get("ECOC_HUB_OPERATOR_NAME", ""),
    "address": _env_lines("ECOC_HUB_OPERATOR_ADDRESS"),
    "representative": os.environ.get("ECOC_HUB_OPERATOR_REPRESENTATIVE", ""),
    "register": os.environ.get("ECOC_HUB_OPERATOR_REGISTER", ""),
    "vat_id": os.environ.get("ECOC_HUB_OPERATOR_VAT_ID", ""),
    "phone": os.environ.get("ECOC_HUB_CONTACT_PHONE", ""),
    "website": os.environ.get("ECOC_HUB_OPERATOR_WEBSITE", ""),
    "about": _env_lines("ECOC_HUB_ABOUT"),
}

# Background work: Django's Tasks framework, stored in the database.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}
ECOC_HUB_WORKER_STALE_AFTER = 120  # seconds without a heartbeat before /health fails
# A task whose worker has not beaten for this long is taken as abandoned
# (the worker was killed): it is queued again after a backoff that doubles
# each time, and marked failed after the last attempt (core/leases.py).
ECOC_HUB_TASK_LEASE_SECONDS = _env_int("ECOC_HUB_TASK_LEASE_SECONDS", 60)
ECOC_HUB_TASK_MAX_ATTEMPTS = _env_int("ECOC_HUB_TASK_MAX_ATTEMPTS", 3)
ECOC_HUB_TASK_RETRY_BACKOFF = _env_int("ECOC_HUB_TASK_RETRY_BACKOFF", 30)
# API rate limits (api/throttles.py): a budget per personal token for clients
# that send a valid one, per address for anonymous ones; "N/min", "N/h", …
ECOC_HUB_API_RATE_PER_TOKEN = os.environ.get("ECOC_HUB_API_RATE_PER_TOKEN", "1200/min")
ECOC_HUB_API_RATE_PER_ADDRESS = os.environ.get(
    "ECOC_HUB_API_RATE_PER_ADDRESS", "300/min"
)
# Files re-hashed by the daily fixity check (the longest unchecked first).
ECOC_HUB_FIXITY_SAMPLE = _env_int("ECOC_HUB_FIXITY_SAMPLE", 500)

# Security
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = _env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
if _env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The address an anonymous API client is counted by: REMOTE_ADDR, or behind
# the reverse proxy the last X-Forwarded-For entry (the one the proxy added).
# Never the whole header, which a client can fill with made-up addresses to
# get a fresh budget each time.
NINJA_NUM_PROXIES = 1 if _env_bool("BEHIND_PROXY", False) else 0

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "worker-src": [CSP.SELF],  # the pdf.js viewer runs its parser in a worker
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors": {"()": "ecoc_hub.core.logs.ClientErrorsWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Refusals are logged in one line, without a traceback.
        "django.request": {"filters": ["client_errors"]},
        "django.security": {"filters": ["client_errors"]},
    },
}

# Certificates (docs/certificates.md): who signs them, and where the signing
# keys are kept (by default <data dir>/certificate-keys, owner-only files).
ECOC_HUB_ISSUER_NAME = os.environ.get("ECOC_HUB_ISSUER_NAME", "ECoC Hub")
ECOC_HUB_ISSUER_DESCRIPTION = os.environ.get(
    "ECOC_HUB_ISSUER_DESCRIPTION",
    "Capacity building and peer learning for European Capitals of Culture.",
)
ECOC_HUB_CERTIFICATE_KEY_DIR = os.environ.get("ECOC_HUB_CERTIFICATE_KEY_DIR", "")
