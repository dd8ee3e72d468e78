"""The text of a posting that goes into its vector."""

from postings.models import Posting


def posting_text(posting: Posting) -> str:
    """Title and description in the language the author wrote in, plus the English and any
    other translations, so that a translation improves the match."""
    parts: list[str] = []
    languages = [
        posting.original_language,
        *sorted({"en", "uk", "de", "fr", "pl"} - {posting.original_language}),
    ]
    for code in languages:
        for field in ("title", "description"):
            value = getattr(posting, f"{field}_{code}", "") or ""
            if value and value not in parts:
                parts.append(value)
    return "\n".join(parts)
