"""A posting's texts as one reader sees them on its page: in their language where there is a
translation (by the author, by machine, or corrected by an official), else as written; or as
written when they ask for the original."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, get_language_info

from core import translation
from postings.models import MACHINE_TRANSLATED_FIELDS, Posting, ShownText


def language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


@dataclass(frozen=True)
class Reading:
    title: ShownText
    description: ShownText
    logistics: ShownText
    unit: ShownText
    # A translation into the reader's language exists (shown, or not: the original was asked).
    has_translation: bool
    showing_original: bool
    # Something shown is a machine's translation.
    machine: bool
    # No translation yet although the reader reads another language: is a machine on it?
    translation_configured: bool
    original_language: str
    reader_language: str

    @property
    def original_language_name(self) -> str:
        return language_name(self.original_language)

    @property
    def reader_language_name(self) -> str:
        return language_name(self.reader_language)

    @property
    def in_other_language(self) -> bool:
        return self.reader_language != self.original_language


def reading_of(posting: Posting, *, original: bool = False) -> Reading:
    """The posting's texts for the active language; `original` asks for them as written."""
    reader = get_language() or settings.LANGUAGE_CODE
    translated = {field: posting.shown(field, reader) for field in MACHINE_TRANSLATED_FIELDS}
    has_translation = reader != posting.original_language and any(
        shown.language == reader for shown in translated.values()
    )
    showing_original = original or not has_translation
    if showing_original:
        translated = {
            field: posting.shown(field, posting.original_language)
            for field in MACHINE_TRANSLATED_FIELDS
        }
    return Reading(
        **translated,
        has_translation=has_translation,
        showing_original=showing_original,
        machine=any(shown.machine for shown in translated.values()),
        translation_configured=translation.is_configured(),
        original_language=posting.original_language,
        reader_language=reader,
    )
