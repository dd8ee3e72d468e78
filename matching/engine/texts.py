"""The text of a posting that goes into its vector."""

from core.languages import LANGUAGE_CODES, localized_field
from postings.models import TRANSLATED_FIELDS, Posting


def posting_text(posting: Posting) -> str:
    """Title and description in the language the author wrote in, plus the English and any
    other translations, so that a translation improves the match."""
    parts: list[str] = []
    languages = [
        posting.original_language,
        *sorted(set(LANGUAGE_CODES) - {posting.original_language}),
    ]
    for code in languages:
        for field in TRANSLATED_FIELDS:
            value = getattr(posting, localized_field(field, code), "") or ""
            if value and value not in parts:
                parts.append(value)
    return "\n".join(parts)
