"""Telling the matching worker that a posting changed (postings.services.pending).

The matching app sits above this one, so its task is looked up by name in Celery's registry
rather than imported; the periodic sweep in matching/ hands a posting whose task was lost to a
new one once it is overdue.
"""

from postings.models import Posting
from postings.services.pending import OVERDUE_AFTER, Pending

__all__ = ["OVERDUE_AFTER", "claim_overdue_matching", "mark_for_matching"]

MATCHING = Pending("match_pending", "match_requested_at", "matching.tasks.match_posting")


def mark_for_matching(posting: Posting) -> None:
    MATCHING.mark(posting)


def claim_overdue_matching(model: type[Posting], limit: int) -> list[int]:
    return MATCHING.claim_overdue(model, limit)
