"""Reads of matches and their conversations, with the joins that keep query counts constant."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from accounts.models import User
from matching.models import Conversation, Match, Message, MessageTranslation
from matching.reasons_text import describe
from matching.sides import Side
from municipalities.models import Municipality
from municipalities.selectors import official_municipality_ids
from postings.models import TRANSLATIONS_ATTRIBUTE, HelpKind, Posting, Sector, Topic
from postings.selectors import translations_prefetch

Status = Match.Status
# What the pages list: the matches still going somewhere, and those that got somewhere.
SHOWN_STATUSES = (*Match.ACTIVE_STATUSES, Status.DELIVERED)
POSTING_RELATED = ("municipality", "sector", "topic", "help_kind")
LIST_RELATED = [f"{side}__{field}" for side in Side for field in POSTING_RELATED]


def _reader_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _with_postings(matches: QuerySet[Match]) -> QuerySet[Match]:
    """Both postings, with their machine translations into the reader's language."""
    language = _reader_language()
    return matches.select_related(*LIST_RELATED).prefetch_related(
        *(translations_prefetch(language, prefix=f"{side}__") for side in Side)
    )


def _listed(matches: QuerySet[Match]) -> QuerySet[Match]:
    return (
        _with_postings(matches)
        .annotate(message_count=Count("conversation__messages"))
        .order_by("-score", "pk")
    )


def taxonomy_names() -> dict:
    """Every sector, topic and kind of help by slug, in the active language, in three queries,
    so that describing many matches does not look each one up again."""
    names = {}
    for kind, model in (("sector", Sector), ("topic", Topic), ("kind", HelpKind)):
        for entry in model.objects.all():
            names[(kind, entry.slug)] = entry.name
    return names


def with_reason_lines(matches: list[Match]) -> list[Match]:
    """Sets `reason_lines` (the reasons in words, in the active language) on each match."""
    names = taxonomy_names() if matches else {}
    for match in matches:
        match.reason_lines = describe(match, names)
    return matches


def _with_perspective(match: Match, own_side: Side) -> Match:
    """Sets `own_side`, `own`, `other_side` and `other` on a match, as seen from one side."""
    match.own_side, match.other_side = own_side, own_side.other
    match.own, match.other = own_side.posting(match), own_side.other.posting(match)
    return match


def matches_for_posting(posting: Posting, user: User) -> list[Match]:
    """A posting's matches the user may see, best first: all of them for its own municipality's
    members and staff, for members of another municipality those with their own postings."""
    if not user.is_authenticated:
        return []
    side = Side.of(posting)
    matches = Match.objects.filter(**{side.value: posting}, status__in=SHOWN_STATUSES)
    if not user.is_staff:
        municipality_ids = official_municipality_ids(user)
        if not municipality_ids:
            return []
        if posting.municipality_id not in municipality_ids:
            matches = matches.filter(
                **{f"{side.other.value}__municipality_id__in": municipality_ids}
            )
    return with_reason_lines([_with_perspective(match, side) for match in _listed(matches)])


def matches_for_municipality(municipality: Municipality, limit: int | None = None) -> list[Match]:
    """The active matches of a municipality's needs and offers, best first, each seen from the
    municipality's side (`own`, `other`)."""
    matches = _listed(
        Match.objects.filter(
            Q(need__municipality=municipality) | Q(offer__municipality=municipality),
            status__in=Match.ACTIVE_STATUSES,
        )
    )
    if limit is not None:
        matches = matches[:limit]
    return with_reason_lines(
        [_with_perspective(match, Side.of_municipality(match, municipality)) for match in matches]
    )


def match_for_reader(pk: int) -> Match | None:
    """One match with both postings (and their translations), their contacts and the
    conversation (if any)."""
    return (
        _with_postings(Match.objects.all())
        .select_related("need__contact", "offer__contact", "conversation")
        .filter(pk=pk)
        .first()
    )


def conversation_of(match: Match) -> Conversation | None:
    try:
        return match.conversation
    except Conversation.DoesNotExist:
        return None


def conversation_messages(conversation: Conversation | None) -> QuerySet[Message]:
    """The thread, oldest first, each message with its translation into the reader's language
    (if any) in `loaded_translations`."""
    if conversation is None:
        return Message.objects.none()
    translated = MessageTranslation.objects.filter(language=_reader_language())
    return (
        conversation.messages.select_related("author")
        .prefetch_related(Prefetch("translations", translated, to_attr=TRANSLATIONS_ATTRIBUTE))
        .order_by("created_at", "pk")
    )


# What a match's API representation reads: both postings' uuids, their municipalities'
# languages (the "shared language" reason) and whether there is a conversation.
READABLE_RELATED = ("need__municipality", "offer__municipality", "conversation")


def _readable_filter(user: User, prefix: str = "") -> Q | None:
    """permissions.can_read as a filter (None: every match), for matches under `prefix`."""
    if user.is_staff:
        return None
    municipality_ids = official_municipality_ids(user)
    return Q(**{f"{prefix}need__municipality_id__in": municipality_ids}) | Q(
        **{f"{prefix}offer__municipality_id__in": municipality_ids}
    )


def matches_readable_by(user: User) -> QuerySet[Match]:
    """The matches the user may read (permissions.can_read): every one for staff; for members,
    those of their verified municipalities, on either side; none for anyone else."""
    if not user.is_authenticated:
        return Match.objects.none()
    matches = Match.objects.select_related(*READABLE_RELATED)
    readable = _readable_filter(user)
    return matches if readable is None else matches.filter(readable)


def messages_readable_by(user: User) -> QuerySet[Message]:
    """The messages of the matches the user may read, oldest first, with author and match."""
    if not user.is_authenticated:
        return Message.objects.none()
    messages = (
        Message.objects.select_related("author", "conversation__match")
        .prefetch_related("translations")
        .order_by("created_at", "pk")
    )
    readable = _readable_filter(user, "conversation__match__")
    return messages if readable is None else messages.filter(readable)
