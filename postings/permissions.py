"""Who may do what with postings: one place, used by services, views and the API."""

from accounts.models import User
from accounts.selectors import has_verified_email
from municipalities.models import Membership, Municipality
from postings.models import Posting


def acting_membership(user: User, municipality: Municipality) -> Membership | None:
    """The user's membership if they may act for this municipality (verified both ways)."""
    if not user.is_authenticated or not municipality.is_verified:
        return None
    membership = Membership.objects.filter(user=user, municipality=municipality).first()
    if membership is None or not has_verified_email(user):
        return None
    return membership


def can_post_for(user: User, municipality: Municipality) -> bool:
    return acting_membership(user, municipality) is not None


def can_edit(user: User, posting: Posting) -> bool:
    return can_post_for(user, posting.municipality)


def can_approve(user: User, posting: Posting) -> bool:
    membership = acting_membership(user, posting.municipality)
    return membership is not None and membership.is_manager


def can_see(user: User, posting: Posting) -> bool:
    """Public postings for everyone; the rest for the municipality's members and staff."""
    if posting.is_public:
        return True
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(user=user, municipality=posting.municipality).exists()


def can_see_contact(user: User) -> bool:
    """Contact details are for officials of verified municipalities (and staff)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        user=user, municipality__status=Municipality.Status.VERIFIED
    ).exists()
