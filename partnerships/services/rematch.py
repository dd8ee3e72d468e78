"""Matches between partners score higher ("partner cities since ..."), so every change of who
is partnered with whom rematches the open postings of the municipalities concerned."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone

from needs.models import Need
from offers.models import Offer
from partnerships.models import Partnership
from partnerships.selectors import member_ids, members_of_partnerships_changed_since
from postings.selectors import matchable
from postings.services.matching_queue import mark_for_matching

# Yesterday too, in case yesterday's run was lost (beat or worker down).
CATCH_UP_DAYS = 1


def partnership_rematch(*, municipality_ids: Iterable[int]) -> int:
    """Mark the open postings of these municipalities to be matched again. Returns how many."""
    ids = set(municipality_ids)
    postings = [
        posting
        for model in (Need, Offer)
        for posting in matchable(model).filter(municipality_id__in=ids).only("pk")
    ]
    for posting in postings:
        mark_for_matching(posting)
    return len(postings)


def partnership_changed(*, partnership: Partnership, members_before: set[int]) -> int:
    """After a partnership, its status or its members were saved: rematch its members, present
    and former."""
    return partnership_rematch(municipality_ids=members_before | member_ids(partnership))


def partnerships_rematch_changed_by_date() -> int:
    """Daily: partnerships that began or ended today (or a member joined or left) were saved
    long ago; rematch their members now. Returns how many postings."""
    since = timezone.localdate() - timedelta(days=CATCH_UP_DAYS)
    return partnership_rematch(municipality_ids=members_of_partnerships_changed_since(since))
