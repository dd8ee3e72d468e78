"""Who may do what with postings: one place, used by services, views and the API."""

from accounts.models import User
from municipalities.models import Municipality
from municipalities.selectors import acting_membership, is_official, membership_of
from postings.models import Posting


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
    return user.is_staff or membership_of(user, posting.municipality) is not None


def can_see_contact(user: User) -> bool:
    """Contact details are for officials of verified municipalities (and staff)."""
    return user.is_authenticated and (user.is_staff or is_official(user))
