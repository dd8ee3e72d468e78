"""Machine translation: one small interface (base.TranslationBackend), a backend per service,
chosen by the TRANSLATION_BACKEND setting: "none" (the default), "libretranslate" or "deepl".

Only the Celery worker translates (after a posting or a message is saved), never a request;
the apps store what it returns, beside the text as written.
"""

from django.conf import settings

from core.translation.base import (
    Translated,
    TranslationBackend,
    TranslationError,
    TranslationUnavailable,
)
from core.translation.deepl import DeepL
from core.translation.libretranslate import LibreTranslate
from core.translation.none import NoTranslation

__all__ = [
    "Translated",
    "TranslationBackend",
    "TranslationError",
    "TranslationUnavailable",
    "backend",
    "is_configured",
]


def backend() -> TranslationBackend:
    """The backend the settings choose, made anew each time (cheap; tests change settings)."""
    name = getattr(settings, "TRANSLATION_BACKEND", "none")
    timeout = getattr(settings, "TRANSLATION_TIMEOUT", 20)
    if name == "libretranslate":
        return LibreTranslate(
            settings.LIBRETRANSLATE_URL, getattr(settings, "LIBRETRANSLATE_API_KEY", ""), timeout
        )
    if name == "deepl":
        return DeepL(settings.DEEPL_API_KEY, getattr(settings, "DEEPL_API_URL", ""), timeout)
    return NoTranslation()


def is_configured() -> bool:
    return backend().configured
