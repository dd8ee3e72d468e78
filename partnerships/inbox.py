"""An official's inbox, the dashboard: what waits for them in every app, each item linking to
where it is acted on. It sits here, at the top of the house, because it gathers from
municipalities, postings, matching and partnerships.

Its query count does not grow with the number of items: one query per kind of item, the
longer lists cut at a fixed length."""

from dataclasses import dataclass, field
from operator import attrgetter

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language

from accounts.models import User
from matching.inbox import new_matches, unread_conversations
from matching.models import Conversation, Match
from municipalities.models import JoinRequest, Membership, Municipality
from municipalities.selectors import memberships_of
from partnerships.models import PartnershipMember
from partnerships.selectors import proposals_waiting_for
from postings.models import Posting
from postings.registry import posting_models
from postings.selectors import EXPIRE_AFTER, awaiting_approval, awaiting_confirmation
from postings.selectors import with_translations as with_posting_translations


@dataclass
class Inbox:
    memberships: list[Membership]
    # The user's own requests to join a municipality, waiting for its managers.
    own_join_requests: list[JoinRequest] = field(default_factory=list)
    # Requests to join a municipality the user manages.
    join_requests: list[JoinRequest] = field(default_factory=list)
    proposals: list[PartnershipMember] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    more_matches: bool = False
    conversations: list[Conversation] = field(default_factory=list)
    to_confirm: list[Posting] = field(default_factory=list)
    to_approve: list[Posting] = field(default_factory=list)

    @property
    def strong_matches(self) -> list[Match]:
        return [match for match in self.matches if match.is_strong]

    @property
    def other_matches(self) -> list[Match]:
        return [match for match in self.matches if not match.is_strong]

    @property
    def unread_messages(self) -> int:
        """The unread messages of all conversations, listed or not."""
        return self.conversations[0].unread_total if self.conversations else 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.join_requests
            or self.proposals
            or self.matches
            or self.conversations
            or self.to_confirm
            or self.to_approve
        )


def _join_requests(user: User, managed: list[int]) -> tuple[list[JoinRequest], list[JoinRequest]]:
    """(the user's own pending requests, those waiting for them as manager), in one query."""
    pending = JoinRequest.objects.filter(
        Q(user=user) | Q(municipality_id__in=managed), status=JoinRequest.Status.PENDING
    ).select_related("user", "municipality")
    own, theirs = [], []
    for join_request in pending.order_by("created_at", "pk"):
        (own if join_request.user_id == user.pk else theirs).append(join_request)
    return own, theirs


def _postings_waiting(verified: list[int], managed: list[int]) -> tuple[list, list]:
    """(open postings of the municipalities nobody has confirmed for a while, the soonest to
    expire first; drafts of the municipalities the user manages submitted for approval, the
    oldest first), one query per kind of posting."""
    to_confirm, to_approve = [], []
    for model in posting_models():
        postings = model.objects.filter(municipality_id__in=verified).select_related("municipality")
        waiting = awaiting_confirmation(postings) | awaiting_approval(
            postings.filter(municipality_id__in=managed)
        )
        for posting in waiting:
            posting.kind = capfirst(model._meta.verbose_name)
            if posting.status == Posting.Status.DRAFT:
                to_approve.append(posting)
            else:
                posting.expires_at = posting.last_confirmed_at + EXPIRE_AFTER
                to_confirm.append(posting)
    to_confirm.sort(key=attrgetter("last_confirmed_at", "pk"))
    to_approve.sort(key=attrgetter("submitted_at", "pk"))
    return to_confirm, to_approve


def inbox_of(user: User) -> Inbox:
    """Everything waiting for the user, in a fixed number of queries (at most ten)."""
    memberships = list(memberships_of(user))
    managed = [m.municipality_id for m in memberships if m.is_manager]
    inbox = Inbox(memberships=memberships, proposals=proposals_waiting_for(user))
    inbox.own_join_requests, inbox.join_requests = _join_requests(user, managed)
    # Matches, conversations and postings are the business of verified municipalities only.
    verified = [
        m.municipality_id
        for m in memberships
        if m.municipality.status == Municipality.Status.VERIFIED
    ]
    if not verified:
        return inbox
    verified_managed = [pk for pk in managed if pk in verified]
    inbox.matches, inbox.more_matches = new_matches(verified)
    inbox.conversations = unread_conversations(user, verified)
    inbox.to_confirm, inbox.to_approve = _postings_waiting(verified, verified_managed)
    # Titles in the reader's language: the needs' translations, then the offers', at once.
    with_posting_translations(
        [
            posting
            for match in [*inbox.matches, *(c.match for c in inbox.conversations)]
            for posting in (match.need, match.offer)
        ],
        get_language(),
    )
    return inbox
