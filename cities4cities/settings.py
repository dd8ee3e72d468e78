"""Cities4Cities settings: one module, configured by environment variables.

Development defaults are safe and need nothing set. With DJANGO_ENV=production every secret
must be given, DEBUG is off and `manage.py check --deploy` is clean.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cities4cities.email_url import parse_email_url
from cities4cities.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = False if PRODUCTION else env_bool("DEBUG", True)
SECRET_KEY = env_str(
    "SECRET_KEY", "development-only-secret-key-not-for-production", required=PRODUCTION
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"], required=PRODUCTION)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://localhost:8000", required=PRODUCTION).rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "municipalities",
    "postings",
    "needs",
    "offers",
    "matching",
    "partnerships",
    "matching_lab",
    "cities4cities.apps.Cities4CitiesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
]

# Content-Security-Policy (django-csp): everything from our own origin, no inline script or
# style (the pages have none; charts and maps are styled by class), images also as data: URIs
# (the admin's and Swagger UI's icons), never framed. The admin and the API docs (Swagger UI's
# split view: its script is a file) work under it; tests/browser fails on any violation.
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
    }
}
# Permissions-Policy: the platform uses no camera, microphone, location or payment.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

ROOT_URLCONF = "cities4cities.urls"
WSGI_APPLICATION = "cities4cities.wsgi.application"

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
                "matching.context_processors.unread_messages",
            ],
        },
    },
]

# Database: PostgreSQL only.
DATABASES = {
    "default": dj_database_url.parse(
        env_str(
            "DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/cities4cities",
            required=PRODUCTION,
        ),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache (also backing allauth's and the API's rate limits; an outage degrades them, see
# core/cache.py) and Celery broker.
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0", required=PRODUCTION)
CACHES = {
    "default": {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "c4c",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task a killed worker held goes back to the queue after the visibility timeout. It must
# exceed the longest task (CELERY_TASK_TIME_LIMIT, 150 s) and every countdown or ETA; the
# tasks use none (retries wait in the database, see core/outbox.py), so five minutes: a lost
# matching task comes back then, a lost email earlier through the outbox sweep.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 300, "socket_connect_timeout": 2}
# With Redis down, a request gives up enqueueing quickly; the beat sweeps catch up later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Mail and the periodic sweeps have a queue of their own, so that a burst of matching tasks
# never delays an email or a sweep; the worker consumes both (`-Q celery,mail`).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "core.tasks.*": {"queue": "mail"},
    "*.tasks.sweep_*": {"queue": "mail"},
    "*.tasks.send_*": {"queue": "mail"},
    "*.tasks.remind_*": {"queue": "mail"},
    "*.tasks.expire_*": {"queue": "mail"},
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 150)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_SEND_TASK_EVENTS = True
OUTBOX_SWEEP_SECONDS = 30  # a lost email goes out within a minute and a half (core/outbox.py)
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "core.tasks.sweep_outbox", "schedule": OUTBOX_SWEEP_SECONDS},
    "remind-stale-postings": {"task": "postings.tasks.remind_stale_postings", "schedule": 3600},
    "expire-stale-postings": {"task": "postings.tasks.expire_stale_postings", "schedule": 3600},
    "sweep-pending-matching": {"task": "matching.tasks.sweep_pending_matching", "schedule": 300},
    "sweep-pending-translations": {
        "task": "postings.tasks.sweep_pending_translations",
        "schedule": 300,
    },
    "sweep-held-announcements": {
        "task": "matching.tasks.sweep_held_announcements",
        "schedule": 120,
    },
    "purge-api-history": {
        "task": "core.tasks.purge_api_history",
        "schedule": crontab(hour=3, minute=30),
    },
    "match-digests": {
        "task": "matching.tasks.send_match_digests",
        "schedule": crontab(hour=6, minute=0),
    },
    "rematch-partnerships-changed-by-date": {
        "task": "partnerships.tasks.rematch_partnerships_changed_by_date",
        "schedule": crontab(hour=0, minute=15),
    },
    "moderation-digest": {
        "task": "postings.tasks.send_moderation_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "expire-partnership-proposals": {
        "task": "partnerships.tasks.expire_partnership_proposals",
        "schedule": crontab(hour=0, minute=45),
    },
    "remind-quiet-partnerships": {
        "task": "partnerships.tasks.remind_quiet_partnerships",
        "schedule": crontab(hour=8, minute=0),
    },
}

# Machine translation of postings and messages (core/translation/), by the worker only:
# "none" (the default: texts are shown as written), "libretranslate" (self-hosted; the
# docker-compose stack runs one) or "deepl".
TRANSLATION_BACKEND = env_str("TRANSLATION_BACKEND", "none")
if TRANSLATION_BACKEND not in {"none", "libretranslate", "deepl"}:
    raise ImproperlyConfigured("TRANSLATION_BACKEND must be 'none', 'libretranslate' or 'deepl'.")
LIBRETRANSLATE_URL = env_str(
    "LIBRETRANSLATE_URL", required=TRANSLATION_BACKEND == "libretranslate"
).rstrip("/")
LIBRETRANSLATE_API_KEY = env_str("LIBRETRANSLATE_API_KEY")
DEEPL_API_KEY = env_str("DEEPL_API_KEY", required=TRANSLATION_BACKEND == "deepl")
DEEPL_API_URL = env_str("DEEPL_API_URL")  # empty: chosen by the key (free keys end in ":fx")
TRANSLATION_TIMEOUT = env_int("TRANSLATION_TIMEOUT", 20)  # seconds per request

# Accounts: django-allauth, email as login, verification mandatory.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.signup.SignupNameForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cities4Cities] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Rate limits live in the cache, i.e. Redis, so they hold across web processes.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/180s/key",
}
# What one account may do (core.limits; counted in Redis, open when it is down): messages per
# conversation and new postings per hour; municipality registrations waiting for review.
MESSAGES_PER_CONVERSATION_PER_HOUR = env_int("MESSAGES_PER_CONVERSATION_PER_HOUR", 30)
POSTINGS_PER_HOUR = env_int("POSTINGS_PER_HOUR", 20)
PENDING_REGISTRATIONS_PER_USER = env_int("PENDING_REGISTRATIONS_PER_USER", 3)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Cities4Cities"

# The REST API at /api/v1/ (core/api/ holds what every app's api.py shares).
KNOX_TOKEN_MODEL = "knox.AuthToken"  # knox's own; accounts.ApiTokenDetails adds name and last use
REST_KNOX = {
    "TOKEN_TTL": None,  # each token's own expiry, chosen when it is made
    "TOKEN_PREFIX": "c4c_",  # recognisable in leaked-secret scans
    "AUTH_HEADER_PREFIX": "Bearer",
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.TokenRateThrottle",
        "core.api.throttling.IPRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("API_RATE_PER_TOKEN", "1200/minute"),
        "ip": env_str("API_RATE_PER_IP", "600/minute"),
    },
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Tombstones and changes are kept this long; an older cursor must sync in full again.
API_CHANGES_RETENTION_DAYS = env_int("API_CHANGES_RETENTION_DAYS", 90)
SPECTACULAR_SETTINGS = {
    "TITLE": "Cities4Cities API",
    "VERSION": "1",
    "DESCRIPTION": (BASE_DIR / "core" / "api" / "description.md").read_text(),
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PostingStatusEnum": "postings.models.Posting.Status",
        "MatchStatusEnum": "matching.models.Match.Status",
        "MunicipalityStatusEnum": "municipalities.models.Municipality.Status",
        "PartnershipKindEnum": "partnerships.models.Partnership.Kind",
        "SideEnum": "matching.sides.Side",
        "MembershipRoleEnum": "municipalities.models.Membership.Role",
        "DismissalReasonEnum": "matching.models.Match.DismissalReason",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.problem_responses",
    ],
}

# Internationalisation: interface in five languages, English by default.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("uk", _("Ukrainian")),
    ("fr", _("French")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LANGUAGE_COOKIE_NAME = "c4c_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# The admin's language tabs need jQuery UI; modeltranslation would load it from Google's CDN,
# which the Content-Security-Policy (and privacy) rule out: served from static/vendor instead.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# A text missing in the reader's language falls back to whichever language has it.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "uk", "de", "fr", "pl")}

# Static files, served by WhiteNoise; front-end assets are vendored under static/.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploaded files (partnership agreements): never served from a public URL; a view checks who
# asks. In production MEDIA_ROOT must be a volume that outlives the container.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".local" / "media")))
PARTNERSHIP_AGREEMENT_MAX_BYTES = env_int("PARTNERSHIP_AGREEMENT_MAX_BYTES", 10 * 1024 * 1024)

# Email: console in development, SMTP (EMAIL_URL) in production, locmem in tests.
vars().update(parse_email_url(env_str("EMAIL_URL", "console:", required=PRODUCTION)))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cities4Cities <noreply@cities4cities.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admins", email) for email in env_list("ADMIN_EMAILS", [])]
# Where people write to the platform's team, e.g. about a rejected registration (our emails
# come from a no-reply address).
SUPPORT_EMAIL = env_str("SUPPORT_EMAIL", "support@cities4cities.eu")

# Security. Production: HTTPS only, secure cookies, HSTS.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
