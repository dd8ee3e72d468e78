"""The platform's interface languages, and the per-language columns modeltranslation stores a
translated field in (`title` → `title_en`, `title_de`, ...)."""

from collections.abc import Iterable

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def localized_field(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def localized_fields(*fields: str, languages: Iterable[str] = LANGUAGE_CODES) -> list[str]:
    """Every language's column of each field, field by field."""
    languages = tuple(languages)
    return [localized_field(field, code) for field in fields for code in languages]
