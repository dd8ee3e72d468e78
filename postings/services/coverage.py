"""How much of a need is covered and how much of an offer is given, as deliveries are recorded,
corrected and undone: a posting whose quantity is reached becomes fulfilled (and leaves
matching); one that is no longer reached after a correction opens again."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from postings import permissions
from postings.models import Posting, PostingChange
from postings.services.history import record
from postings.services.lifecycle import close_posting
from postings.services.matching_queue import mark_for_matching

Status = Posting.Status
Action = PostingChange.Action


def _reached(posting: Posting, covered: Decimal) -> bool:
    return posting.quantity is not None and covered >= posting.quantity


def _reopen(posting: Posting) -> None:
    posting.status = Status.PARTLY_COVERED if posting.quantity_covered > 0 else Status.PUBLISHED
    posting.closed_at = None


@transaction.atomic
def posting_adjust_coverage(
    *, posting: Posting, change: Decimal, user: User | None, note: str = ""
) -> Posting:
    """Add (or, for a correction, take away) a delivered quantity. A posting whose quantity
    is reached becomes fulfilled; one that was fulfilled because its quantity was reached, and
    no longer reaches it, opens again. One closed for another reason stays closed."""
    posting = posting.locked()
    before, status_before = posting.quantity_covered, posting.status
    posting.quantity_covered = max(before + change, Decimal(0))
    if posting.status in Posting.OPEN_STATUSES:
        if _reached(posting, posting.quantity_covered):
            posting.status = Status.FULFILLED
            posting.closed_at = timezone.now()
        elif posting.quantity_covered > 0 and posting.status == Status.PUBLISHED:
            posting.status = Status.PARTLY_COVERED
    elif (
        posting.status == Status.FULFILLED
        and _reached(posting, before)
        and not _reached(posting, posting.quantity_covered)
    ):
        _reopen(posting)
    posting.save(update_fields=["quantity_covered", "status", "closed_at", "updated_at"])
    changes = {"quantity_covered": [str(before), str(posting.quantity_covered)]}
    if posting.status != status_before:
        changes["status"] = [status_before, posting.status]
    record(posting, Action.COVERED, user, changes, note=note)
    mark_for_matching(posting)
    return posting


@transaction.atomic
def posting_mark_fulfilled(*, posting: Posting, user: User | None, note: str = "") -> Posting:
    """Close an open posting as fulfilled although its quantity is not reached (its city says
    nothing more is needed)."""
    posting = posting.locked()
    if posting.status in Posting.OPEN_STATUSES:
        close_posting(posting, Status.FULFILLED, Action.FULFILLED, user, note=note)
    return posting


@transaction.atomic
def posting_reopen_unfulfilled(*, posting: Posting, user: User | None, note: str = "") -> Posting:
    """Undo a "fulfilled" that its quantity does not bear out: the posting is open again."""
    posting = posting.locked()
    if posting.status != Status.FULFILLED or _reached(posting, posting.quantity_covered):
        return posting
    _reopen(posting)
    posting.save(update_fields=["status", "closed_at", "updated_at"])
    record(posting, Action.COVERED, user, {"status": [Status.FULFILLED, posting.status]}, note)
    mark_for_matching(posting)
    return posting


# A "fully covered" answer can be taken back this long after it was given.
REOPEN_WITHIN = timedelta(days=14)


def can_reopen(user: User, posting: Posting) -> bool:
    """Whether the posting was closed as fulfilled recently enough for its city to take the
    answer back (not when its quantity is reached: that is corrected on the match)."""
    return (
        posting.status == Status.FULFILLED
        and posting.closed_at is not None
        and timezone.now() - posting.closed_at <= REOPEN_WITHIN
        and not _reached(posting, posting.quantity_covered)
        and permissions.can_edit(user, posting)
    )


@transaction.atomic
def posting_reopen(*, posting: Posting, user: User, reason: str) -> Posting:
    """Take back a "fully covered" answer within REOPEN_WITHIN, with a reason kept in the
    history: the posting is open and matched again."""
    posting = posting.locked()
    if not permissions.can_edit(user, posting):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why the posting is open again.")})
    if not can_reopen(user, posting):
        raise ValidationError(
            _("Only a posting marked fulfilled in the last 14 days can be reopened here.")
        )
    status_before = posting.status
    _reopen(posting)
    posting.save(update_fields=["status", "closed_at", "updated_at"])
    record(posting, Action.REOPENED, user, {"status": [status_before, posting.status]}, reason)
    mark_for_matching(posting)
    return posting
