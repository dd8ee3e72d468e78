from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.languages import localized_field


class WrittenInOneLanguage:
    """Texts in the reader's language where someone translated them, else in the language
    they were written in (then any other, as modeltranslation falls back)."""

    original_language: str

    def text(self, field: str, language: str | None = None) -> str:
        language = language or get_language() or settings.LANGUAGE_CODE
        for code in (language, self.original_language):
            value = getattr(self, localized_field(field, code), "")
            if value:
                return value
        return getattr(self, field) or ""

    def require_original(self, *fields: str) -> None:
        """From clean(): each of these fields is written in the language chosen."""
        errors = {
            localized_field(field, self.original_language): _(
                "Please write this in the language you chose."
            )
            for field in fields
            if not getattr(self, localized_field(field, self.original_language))
        }
        if errors:
            raise ValidationError(errors)
