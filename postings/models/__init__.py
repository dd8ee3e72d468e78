from postings.models.history import PostingChange, PostingReport
from postings.models.posting import (
    MACHINE_TRANSLATED_FIELDS,
    TRANSLATED_FIELDS,
    TRANSLATIONS_ATTRIBUTE,
    Posting,
    ShownText,
    written_in,
)
from postings.models.taxonomy import HelpKind, Sector, Topic
from postings.models.translation import PostingTranslation

__all__ = [
    "MACHINE_TRANSLATED_FIELDS",
    "TRANSLATED_FIELDS",
    "TRANSLATIONS_ATTRIBUTE",
    "HelpKind",
    "Posting",
    "PostingChange",
    "PostingReport",
    "PostingTranslation",
    "Sector",
    "ShownText",
    "Topic",
    "written_in",
]
