from postings.models.history import PostingChange, PostingReport
from postings.models.posting import TRANSLATED_FIELDS, Posting, written_in
from postings.models.taxonomy import HelpKind, Sector, Topic

__all__ = [
    "TRANSLATED_FIELDS",
    "HelpKind",
    "Posting",
    "PostingChange",
    "PostingReport",
    "Sector",
    "Topic",
    "written_in",
]
