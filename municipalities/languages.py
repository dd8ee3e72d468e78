"""Working languages a municipality's officials can declare (ISO 639-1 codes)."""

from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.languages import LANGUAGE_CODES

# The platform's interface languages first, then the other languages of Europe and its
# partners.
WORKING_LANGUAGE_CODES = [
    *LANGUAGE_CODES,
    "bg", "cs", "da", "el", "es", "et", "fi", "ga", "hr", "hu", "it", "ka", "lt", "lv", "nl",
    "nb", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr",
]  # fmt: skip

# Django's own language names, so Django's catalogues translate them.
_NAMES = dict(global_settings.LANGUAGES)
WORKING_LANGUAGE_CHOICES = [(code, capfirst(_(_NAMES[code]))) for code in WORKING_LANGUAGE_CODES]


def validate_working_language(code: str) -> None:
    if code not in WORKING_LANGUAGE_CODES:
        raise ValidationError(_("%(code)s is not a language we know."), params={"code": code})
