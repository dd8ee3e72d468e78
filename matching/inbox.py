"""What waits for an official in matching: the new matches of their municipalities, strong ones
first, and the conversations with messages they have not read.

A message is unread by an official when someone of the other side wrote it (not the official,
nor a colleague of the municipality they speak for in that match) after the official's read
mark on the conversation (ConversationRead), or at any time if there is no mark."""

from collections.abc import Collection

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum, Window
from django.db.models.expressions import BaseExpression

from accounts.models import User
from matching.models import Conversation, ConversationRead, Match, Message
from matching.sides import Side
from municipalities.models import Membership
from municipalities.selectors import official_memberships

# The inbox lists this many of each; the municipality's matches page has all of them.
NEW_MATCHES_SHOWN = 20
CONVERSATIONS_SHOWN = 20
POSTING_RELATED = ("municipality", "sector")

# Municipality ids as a list, or as a subquery that the database resolves (one query less).
MunicipalityIds = Collection[int] | QuerySet | BaseExpression


def _of_municipalities(municipality_ids: MunicipalityIds, prefix: str = "") -> Q:
    return Q(**{f"{prefix}need__municipality_id__in": municipality_ids}) | Q(
        **{f"{prefix}offer__municipality_id__in": municipality_ids}
    )


def _seen_from(match: Match, municipality_ids: Collection[int]) -> Match:
    """Sets `own_side`, `own`, `other_side` and `other` on a match, as seen from the
    reader's municipality (the need's, were the reader on both sides)."""
    own_side = Side.NEED if match.need.municipality_id in municipality_ids else Side.OFFER
    match.own_side, match.other_side = own_side, own_side.other
    match.own, match.other = own_side.posting(match), own_side.other.posting(match)
    return match


def new_matches(
    municipality_ids: Collection[int], limit: int = NEW_MATCHES_SHOWN
) -> tuple[list[Match], bool]:
    """The suggestions nobody has taken up yet for the municipalities, strong ones first and
    best first, each seen from the municipality's side, in one query; and whether there are
    more than `limit`. The postings' translations are not loaded (postings.with_translations)."""
    if not municipality_ids:
        return [], False
    matches = list(
        Match.objects.filter(_of_municipalities(municipality_ids), status=Match.Status.SUGGESTED)
        .select_related(*(f"{side}__{field}" for side in Side for field in POSTING_RELATED))
        .order_by("-score", "-created_at", "pk")[: limit + 1]
    )
    return [_seen_from(match, municipality_ids) for match in matches[:limit]], len(matches) > limit


def unread_messages(user: User, municipality_ids: MunicipalityIds) -> QuerySet[Message]:
    """The messages of the municipalities' conversations the user has not read (see above)."""
    marks = ConversationRead.objects.filter(conversation=OuterRef("conversation"), user=user)
    # The author speaks for the same municipality of this match as the reader.
    colleague = Membership.objects.filter(
        user=OuterRef("author"), municipality_id__in=municipality_ids
    ).filter(
        Q(municipality_id=OuterRef("conversation__match__need__municipality_id"))
        | Q(municipality_id=OuterRef("conversation__match__offer__municipality_id"))
    )
    return (
        Message.objects.filter(_of_municipalities(municipality_ids, "conversation__match__"))
        .exclude(author=user)
        .filter(~Exists(colleague))
        .filter(Q(~Exists(marks)) | Q(created_at__gt=Subquery(marks.values("read_at")[:1])))
    )


def unread_message_count(user: User) -> int:
    """How many messages the user has not read, over all their verified municipalities'
    conversations: one query, for the navigation of every page."""
    if not user.is_authenticated:
        return 0
    return unread_messages(user, official_memberships(user).values("municipality_id")).count()


def unread_conversations(
    user: User, municipality_ids: Collection[int], limit: int = CONVERSATIONS_SHOWN
) -> list[Conversation]:
    """The municipalities' conversations with messages the user has not read, the most recent
    message first, each with `unread` (how many), `unread_total` (of all of them, listed or
    not), `last_unread_at` and its match seen from the user's side, in one query."""
    if not municipality_ids:
        return []
    per_conversation = (
        unread_messages(user, municipality_ids)
        .filter(conversation=OuterRef("pk"))
        .order_by()
        .values("conversation")
    )
    conversations = list(
        Conversation.objects.filter(_of_municipalities(municipality_ids, "match__"))
        .annotate(
            unread=Subquery(per_conversation.annotate(n=Count("pk")).values("n")),
            last_unread_at=Subquery(
                per_conversation.order_by("-created_at").values("created_at")[:1]
            ),
        )
        .filter(unread__gt=0)
        # Over every conversation, not only those listed: the navigation shows it.
        .annotate(unread_total=Window(Sum("unread")))
        .select_related(*(f"match__{side}__{field}" for side in Side for field in POSTING_RELATED))
        .order_by("-last_unread_at", "pk")[:limit]
    )
    for conversation in conversations:
        _seen_from(conversation.match, municipality_ids)
    return conversations
