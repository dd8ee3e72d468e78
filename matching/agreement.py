"""The agreement and the delivery of a match, each a step of one side that the history keeps.

- One side proposes a quantity; the other side accepts it, and the match is agreed. Changing
  the agreed quantity is a new proposal, which the other side accepts again; until then the
  agreed quantity holds.
- Every step counts up the match's `revision`. A step sent from a page that showed an older
  revision, or a different quantity against a proposal of the other side that the sender has
  not seen, is refused with AgreementConflict, which says what the agreement is now: two
  officials pressing "agree" at the same moment never overwrite each other.
- The city in need confirms the delivery: at most what was agreed, and more than the need
  still lacks only when it says so. The delivered quantity covers the need and is taken from
  the offer (the matching, too, treats the two quantities as one measure), so that a posting
  with nothing left is fulfilled and leaves matching.
- For CORRECTABLE_FOR, the side that recorded a delivery or a "fully covered" answer may
  correct or undo it, with a reason.
"""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.numbers import localized_number
from matching import agreement_emails, permissions
from matching.models.match import Match, MatchEvent
from matching.sides import Side
from postings.services.coverage import (
    posting_adjust_coverage,
    posting_mark_fulfilled,
    posting_reopen_unfulfilled,
)

Status = Match.Status
Action = MatchEvent.Action
QUANTITY_MAX = Decimal("9999999999.99")  # what the quantity columns hold
REASON_MAX_LENGTH = MatchEvent._meta.get_field("reason").max_length


class AgreementConflict(ValidationError):
    """The agreement is no longer what the sender saw; `match` is how it stands now."""

    def __init__(self, match: Match) -> None:
        super().__init__(_conflict_message(match), code="conflict")
        self.match = match


def _amount(match: Match, quantity: Decimal | None) -> str:
    return _("no quantity") if quantity is None else match.need.amount(quantity)


def _conflict_message(match: Match) -> str:
    changed = _("The agreement has changed in the meantime.")
    if match.pending_side is not None:
        now = _("%(city)s proposes %(quantity)s: accept it, or propose another quantity.") % {
            "city": match.pending_side.municipality(match).name,
            "quantity": _amount(match, match.proposed_quantity),
        }
    elif match.status == Status.AGREED:
        now = _("Agreed now: %(quantity)s.") % {"quantity": _amount(match, match.agreed_quantity)}
    else:
        now = _("Please look at it again before you change it.")
    return f"{changed} {now}"


def lock_match(match: Match) -> Match:
    return (
        Match.objects.select_for_update(of=("self",))
        .select_related("need__municipality", "offer__municipality", "need__contact")
        .select_related("offer__contact")
        .get(pk=match.pk)
    )


def save_match(match: Match, *fields: str) -> None:
    match.save(update_fields=[*fields, "updated_at"])


def require_side(user: User, match: Match) -> list[Side]:
    sides = permissions.acting_sides(user, match)
    if not sides:
        raise PermissionDenied
    return sides


def parse_quantity(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        quantity = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"quantity": _("Please enter a number.")}) from None
    if not quantity.is_finite():
        raise ValidationError({"quantity": _("Please enter a number.")})
    if quantity > QUANTITY_MAX:
        raise ValidationError({"quantity": _("This quantity is too large.")})
    if quantity > 0:
        quantity = quantity.quantize(Decimal("0.01"))  # as the columns store it
    if quantity <= 0:
        raise ValidationError({"quantity": _("The quantity must be positive.")})
    return quantity


def _event(match: Match, action: str, side: Side, user: User, **fields) -> MatchEvent:
    return MatchEvent.objects.create(match=match, action=action, side=side, user=user, **fields)


def _step(match: Match, *fields: str) -> None:
    """Save a step of the agreement or the delivery: a new revision."""
    match.revision += 1
    save_match(match, "revision", *fields)


PROPOSAL_FIELDS = ("proposed_by", "proposed_quantity", "proposer", "proposed_at")


def _clear_proposal(match: Match) -> None:
    match.proposed_by, match.proposed_quantity = "", None
    match.proposer, match.proposed_at = None, None


def _check_against_need(match: Match, quantity: Decimal | None) -> None:
    need = match.need
    if need.quantity is None:
        return
    if quantity is None:
        raise ValidationError({"quantity": _("Please enter the agreed quantity.")})
    if quantity > need.quantity_open:
        raise ValidationError(
            {
                "quantity": _("At most %(open)s %(unit)s are still needed.")
                % {"open": localized_number(need.quantity_open), "unit": need.display_unit}
            }
        )


def _check_revision(match: Match, revision: int | None) -> None:
    if revision is not None and revision != match.revision:
        raise AgreementConflict(match)


def _propose(match: Match, user: User, side: Side, quantity: Decimal | None) -> Match:
    changing = match.status == Status.AGREED
    match.proposed_by, match.proposed_quantity = side, quantity
    match.proposer, match.proposed_at = user, timezone.now()
    _step(match, *PROPOSAL_FIELDS)
    previous = match.agreed_quantity if changing else None
    event = _event(
        match, Action.PROPOSED, side, user, quantity=quantity, previous_quantity=previous
    )
    agreement_emails.notify(match, event)
    return match


def _accept(match: Match, user: User, side: Side) -> Match:
    previous = match.agreed_quantity if match.status == Status.AGREED else None
    quantity = match.proposed_quantity
    match.status = Status.AGREED
    match.agreed_quantity = quantity
    match.agreed_at = timezone.now()
    _clear_proposal(match)
    _step(match, "status", "agreed_quantity", "agreed_at", *PROPOSAL_FIELDS)
    event = _event(
        match, Action.ACCEPTED, side, user, quantity=quantity, previous_quantity=previous
    )
    agreement_emails.notify(match, event)
    return match


def _in_talks(match: Match) -> None:
    if match.status not in (Status.CONTACTED, Status.AGREED):
        raise ValidationError(_("Please contact the other city before recording an agreement."))


@transaction.atomic
def match_agree(
    *, user: User, match: Match, quantity: Decimal | None = None, revision: int | None = None
) -> Match:
    """ "Agree" with a quantity: accepts the other side's proposal of the same quantity, else
    proposes it (or, while agreed, a change) for the other side to accept. `revision`: the
    match's revision the sender saw, if known."""
    match = lock_match(match)
    sides = require_side(user, match)
    _in_talks(match)
    quantity = parse_quantity(quantity)
    _check_against_need(match, quantity)
    pending = match.pending_side
    theirs = pending is not None and pending not in sides
    if theirs and quantity == match.proposed_quantity:
        return _accept(match, user, pending.other)
    _check_revision(match, revision)
    if theirs and revision is None:
        raise AgreementConflict(match)  # a proposal they may not have seen
    if match.status == Status.AGREED and quantity == match.agreed_quantity:
        if pending is None:
            raise ValidationError({"quantity": _("This quantity is agreed already.")})
        _clear_proposal(match)
        _step(match, *PROPOSAL_FIELDS)
        _event(match, Action.WITHDRAWN, pending, user, quantity=quantity)
        return match
    _propose(match, user, sides[0], quantity)
    if len(sides) == 2:  # speaking for both cities, the proposal is accepted as well
        _accept(match, user, sides[1])
    return match


@transaction.atomic
def match_accept(*, user: User, match: Match, revision: int | None = None) -> Match:
    """Accept the other side's proposal: the match is agreed on its quantity."""
    match = lock_match(match)
    sides = require_side(user, match)
    _in_talks(match)
    pending = match.pending_side
    if pending is None or (pending in sides and len(sides) == 1):
        raise ValidationError(_("There is no proposal of the other city to accept."))
    _check_revision(match, revision)
    _check_against_need(match, match.proposed_quantity)
    return _accept(match, user, pending.other)


def _check_delivery(
    match: Match, quantity: Decimal | None, more_than_asked: bool, counted: Decimal
) -> None:
    """At most what was agreed; more than the need still lacks (besides `counted`, what this
    delivery counted before a correction) only when confirmed."""
    if quantity is None:
        if match.need.quantity is not None:
            raise ValidationError({"quantity": _("Please enter the delivered quantity.")})
        return
    if match.agreed_quantity is not None and quantity > match.agreed_quantity:
        raise ValidationError(
            {
                "quantity": _("At most the agreed %(quantity)s can be delivered.")
                % {"quantity": _amount(match, match.agreed_quantity)}
            }
        )
    need = match.need
    if (
        need.quantity is not None
        and quantity > need.quantity_open + counted
        and not more_than_asked
    ):
        raise ValidationError(
            {
                "more_than_asked": _(
                    "Only %(open)s are still needed. Please confirm that more than asked was "
                    "delivered."
                )
                % {"open": _amount(match, need.quantity_open + counted)}
            }
        )


def _count(match: Match, change: Decimal, user: User, note: str) -> None:
    """The need is covered by a delivery, and the offer gives it."""
    if not change:
        return
    for posting in (match.need, match.offer):
        if posting.quantity is not None:
            posting_adjust_coverage(posting=posting, change=change, user=user, note=note)


def _receiving_side(user: User, match: Match) -> None:
    if not permissions.can_act_for(user, match, Side.NEED):
        raise PermissionDenied


@transaction.atomic
def match_deliver(
    *, user: User, match: Match, quantity: Decimal | None = None, more_than_asked: bool = False
) -> Match:
    """The receiving city confirms the delivery (what was agreed, unless it says less)."""
    match = lock_match(match)
    _receiving_side(user, match)
    if match.status != Status.AGREED:
        raise ValidationError(_("Only an agreed match can be marked as delivered."))
    quantity = parse_quantity(quantity) or match.agreed_quantity
    _check_delivery(match, quantity, more_than_asked, Decimal(0))
    match.status = Status.DELIVERED
    match.delivered_quantity = quantity
    match.delivered_at = timezone.now()
    _clear_proposal(match)  # a change nobody accepted is moot once delivered
    _step(match, "status", "delivered_quantity", "delivered_at", *PROPOSAL_FIELDS)
    event = _event(
        match, Action.DELIVERED, Side.NEED, user, quantity=quantity, more_than_asked=more_than_asked
    )
    _count(match, quantity or Decimal(0), user, _("Delivery of a match"))
    agreement_emails.notify(match, event)
    return match


def _correctable(user: User, match: Match, since, what: str) -> None:
    _receiving_side(user, match)
    if since is None:
        raise ValidationError(what)
    if timezone.now() - since > Match.CORRECTABLE_FOR:
        days = Match.CORRECTABLE_FOR.days
        raise ValidationError(
            _("This can only be corrected or undone within %(days)d days.") % {"days": days}
        )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give a reason.")})
    if len(reason) > REASON_MAX_LENGTH:
        too_long = _("A reason can be at most %(max)d characters.")
        raise ValidationError({"reason": too_long % {"max": REASON_MAX_LENGTH}})
    return reason


def _delivered(match: Match) -> datetime | None:
    return match.delivered_at if match.status == Status.DELIVERED else None


@transaction.atomic
def match_correct_delivery(
    *, user: User, match: Match, quantity, reason: str, more_than_asked: bool = False
) -> Match:
    """Change a recorded delivery's quantity; the need and the offer follow."""
    match = lock_match(match)
    _correctable(user, match, _delivered(match), _("There is no delivery to correct."))
    reason = _reason(reason)
    quantity = parse_quantity(quantity)
    if quantity is None:
        raise ValidationError({"quantity": _("Please enter the delivered quantity.")})
    previous = match.delivered_quantity
    if quantity == previous:
        raise ValidationError({"quantity": _("This is the quantity recorded already.")})
    _check_delivery(match, quantity, more_than_asked, previous or Decimal(0))
    match.delivered_quantity = quantity
    _step(match, "delivered_quantity")
    _event(
        match,
        Action.CORRECTED,
        Side.NEED,
        user,
        quantity=quantity,
        previous_quantity=previous,
        reason=reason,
        more_than_asked=more_than_asked,
    )
    _count(match, quantity - (previous or Decimal(0)), user, reason)
    return match


@transaction.atomic
def match_undo_delivery(*, user: User, match: Match, reason: str) -> Match:
    """Take back a recorded delivery: the match is agreed again, and what it covered open."""
    match = lock_match(match)
    _correctable(user, match, _delivered(match), _("There is no delivery to undo."))
    reason = _reason(reason)
    if match.fully_covered_at is not None:
        raise ValidationError(_("Please first undo the answer that the need is fully covered."))
    previous = match.delivered_quantity
    match.status = Status.AGREED
    match.delivered_quantity, match.delivered_at = None, None
    _step(match, "status", "delivered_quantity", "delivered_at")
    _event(match, Action.UNDONE, Side.NEED, user, previous_quantity=previous, reason=reason)
    _count(match, -(previous or Decimal(0)), user, reason)
    return match


@transaction.atomic
def match_mark_fully_covered(*, user: User, match: Match, confirmed: bool = False) -> Match:
    """After a delivery, the city in need says nothing more is needed: the need is closed as
    fulfilled although its quantity is not reached. Only when confirmed."""
    match = lock_match(match)
    _receiving_side(user, match)
    if match.status != Status.DELIVERED:
        raise ValidationError(_("Please confirm the delivery first."))
    if not match.need.is_open or match.fully_covered_at is not None:
        raise ValidationError(_("The need is closed already."))
    if not confirmed:
        raise ValidationError(
            {"confirmed": _("Please confirm that the need is fully covered: it will be closed.")}
        )
    match.fully_covered_at = timezone.now()
    _step(match, "fully_covered_at")
    _event(match, Action.FULLY_COVERED, Side.NEED, user)
    posting_mark_fulfilled(posting=match.need, user=user, note=_("Fully covered by a match."))
    return match


@transaction.atomic
def match_undo_fully_covered(*, user: User, match: Match, reason: str) -> Match:
    """Take back a "fully covered" answer: the need is open again (unless its quantity is
    reached anyway)."""
    match = lock_match(match)
    _correctable(user, match, match.fully_covered_at, _("The need was not marked fully covered."))
    reason = _reason(reason)
    match.fully_covered_at = None
    _step(match, "fully_covered_at")
    _event(match, Action.UNCOVERED, Side.NEED, user, reason=reason)
    posting_reopen_unfulfilled(posting=match.need, user=user, note=reason)
    return match


def correctable_until(match: Match) -> datetime | None:
    """Until when the delivery or the "fully covered" answer may be corrected (None: nothing
    to correct)."""
    since = match.fully_covered_at or _delivered(match)
    return since + Match.CORRECTABLE_FOR if since is not None else None
