"""Working languages a municipality's officials can declare (ISO 639-1 codes)."""

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

# The platform's five languages first, then the other languages of Europe and its partners.
WORKING_LANGUAGE_CODES = [
    "en", "de", "uk", "fr", "pl",
    "bg", "cs", "da", "el", "es", "et", "fi", "ga", "hr", "hu", "it", "ka", "lt", "lv", "nl",
    "no", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr",
]  # fmt: skip

WORKING_LANGUAGE_CHOICES = [(code, _(LANG_INFO[code]["name"])) for code in WORKING_LANGUAGE_CODES]
