from postings.models.history import PostingChange, PostingReport
from postings.models.posting import Posting
from postings.models.taxonomy import HelpKind, Sector, Topic

__all__ = ["HelpKind", "Posting", "PostingChange", "PostingReport", "Sector", "Topic"]
