"""Who may see and act on a match: the members of its two municipalities, and staff to read and
write in the conversation. One place, used by services and views."""

from accounts.models import User
from matching.models import Match
from municipalities.models import Membership, Municipality
from postings.permissions import acting_membership

Side = Match.Side


def municipality_of(match: Match, side: str) -> Municipality:
    return match.need.municipality if side == Side.NEED else match.offer.municipality


def can_read(user: User, match: Match) -> bool:
    """Staff, and members of either municipality while it is verified."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        user=user,
        municipality_id__in=[match.need.municipality_id, match.offer.municipality_id],
        municipality__status=Municipality.Status.VERIFIED,
    ).exists()


def acting_sides(user: User, match: Match) -> list[str]:
    """The sides (need, offer) the user may act for: verified municipality, verified email."""
    return [
        side
        for side in (Side.NEED, Side.OFFER)
        if acting_membership(user, municipality_of(match, side)) is not None
    ]


def can_act_for(user: User, match: Match, side: str) -> bool:
    return side in acting_sides(user, match)


def can_write(user: User, match: Match, sides: list[str] | None = None) -> bool:
    """Messages: either side's acting members, and staff. `sides`: acting_sides() if known."""
    if user.is_authenticated and user.is_staff:
        return True
    return bool(acting_sides(user, match) if sides is None else sides)
