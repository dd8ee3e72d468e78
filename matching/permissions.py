"""Who may see and act on a match: the members of its two municipalities, and staff to read and
write in the conversation. One place, used by services and views."""

from accounts.models import User
from matching.models import Match
from matching.sides import Side
from municipalities.selectors import acting_membership, official_memberships


def can_read(user: User, match: Match) -> bool:
    """Staff, and members of either municipality while it is verified."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return (
        official_memberships(user)
        .filter(municipality_id__in=[match.need.municipality_id, match.offer.municipality_id])
        .exists()
    )


def acting_sides(user: User, match: Match) -> list[Side]:
    """The sides (need, offer) the user may act for: verified municipality, verified email."""
    return [side for side in Side if acting_membership(user, side.municipality(match)) is not None]


def can_act_for(user: User, match: Match, side: Side) -> bool:
    return side in acting_sides(user, match)


def can_write(user: User, match: Match, sides: list[Side] | None = None) -> bool:
    """Messages: either side's acting members, and staff. `sides`: acting_sides() if known."""
    if user.is_authenticated and user.is_staff:
        return True
    return bool(acting_sides(user, match) if sides is None else sides)
