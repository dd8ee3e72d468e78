"""Who may see and do what with a partnership, decided in one place for pages, API and services.

- everyone reads active, suspended and ended partnerships; the officials of its members (of a
  verified municipality) also read proposals and what became of them, and see the contacts
  and the agreement; staff see everything;
- a manager of a member (acting: verified municipality, verified email) confirms or declines a
  proposal for it, edits the partnership and its activities;
- any acting official of a member adds events, and edits those they recorded;
- staff moderate (edit, change the status) but do not confirm for a member.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import User
from accounts.selectors import has_verified_email
from municipalities.models import Membership
from municipalities.selectors import official_memberships
from partnerships.models import Event, Partnership


def current_member_ids(partnership: Partnership) -> set[int]:
    """The municipalities that are members today (from the prefetched members, if any)."""
    today = timezone.localdate()
    return {
        member.municipality_id for member in partnership.members.all() if member.is_current(today)
    }


@dataclass(frozen=True)
class Access:
    """One person's rights on one partnership."""

    public: bool
    staff: bool
    roles: dict[int, str]  # member municipality id → the person's role there
    verified_email: bool
    user_id: int | None

    @property
    def is_member_official(self) -> bool:
        return bool(self.roles)

    @property
    def can_read(self) -> bool:
        return self.public or self.staff or self.is_member_official

    @property
    def sees_contacts(self) -> bool:
        """Contacts and the agreement: members' officials and staff."""
        return self.staff or self.is_member_official

    @property
    def acting_for(self) -> set[int]:
        return set(self.roles) if self.verified_email else set()

    @property
    def managing(self) -> set[int]:
        return {
            municipality
            for municipality in self.acting_for
            if self.roles[municipality] == Membership.Role.MANAGER
        }

    @property
    def can_manage(self) -> bool:
        return self.staff or bool(self.managing)

    @property
    def can_add_events(self) -> bool:
        return self.staff or bool(self.acting_for)

    def can_edit_event(self, event: Event) -> bool:
        """Who recorded it (while still an official of a member), managers of members, staff."""
        return self.can_manage or (self.can_add_events and event.created_by_id == self.user_id)


def roles_in(user: User, municipality_ids: set[int]) -> dict[int, str]:
    """The user's roles in those of these municipalities that are verified."""
    if not user.is_authenticated or not municipality_ids:
        return {}
    return dict(
        official_memberships(user)
        .filter(municipality_id__in=municipality_ids)
        .values_list("municipality_id", "role")
    )


def access(user: User, partnership: Partnership) -> Access:
    """Two queries at most: the user's memberships among the members, their email's state."""
    roles = roles_in(user, current_member_ids(partnership))
    return Access(
        public=partnership.is_public,
        staff=user.is_authenticated and user.is_staff,
        roles=roles,
        verified_email=bool(roles) and has_verified_email(user),
        user_id=user.pk,
    )


def require_manager(user: User, partnership: Partnership) -> Access:
    """For edits: a manager of a member, or staff."""
    rights = access(user, partnership)
    if not rights.can_manage:
        raise PermissionDenied
    return rights
