"""Telling both cities about a new good match, through the outbox, never twice.

Who hears: the contact person of each side's posting, or its municipality's managers when the
posting has no (active) contact. How: as each one chose on their account — an email per match
at once, the day's matches in one digest (matching/digest.py), or nothing.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from core.emails import queue_email_to_user
from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Match
from matching.sides import Side
from matching.unsubscribe import unsubscribe_token
from postings.models import Posting
from postings.selectors import posting_contacts, with_translations
from postings.services.translation import awaiting_translation


def notifiable(matches: QuerySet[Match]) -> QuerySet[Match]:
    """The matches worth an email, with what the emails show."""
    return matches.filter(
        score__gte=NOTIFY_THRESHOLD, status=Match.Status.SUGGESTED
    ).select_related("need__municipality", "need__contact", "offer__municipality", "offer__contact")


def recipients(match: Match, managers: dict[int, list[User]] | None = None) -> list[tuple]:
    """(user, their own side's posting) for everyone who hears about a match, once each.

    `managers` caches the managers of each municipality across calls."""
    managers = {} if managers is None else managers
    people: dict[int, tuple[User, Posting]] = {}
    for posting in (match.need, match.offer):
        for user in posting_contacts(posting, managers):
            people.setdefault(user.pk, (user, posting))
    return list(people.values())


def match_email_key(match: Match, user: User) -> str:
    return f"match:{match.pk}:{user.pk}"


def match_email_context(match: Match, own: Posting) -> dict:
    """What the new-match and digest emails say about one match, from the reader's side."""
    own_side = Side.of(own)
    return {
        "match": match,
        "own": own,
        "own_side": own_side,
        "other": own_side.other.posting(match),
    }


def held_for_translation(match: Match) -> bool:
    """A match whose posting is being translated is announced once it is (the worker tells
    announce_matches_of), or a few minutes later without."""
    return awaiting_translation(match.need) or awaiting_translation(match.offer)


def with_posting_translations(matches: list[Match]) -> list[Match]:
    """The matches' postings with their machine translations into every language: the emails
    show each reader the titles in theirs."""
    with_translations([posting for match in matches for posting in (match.need, match.offer)])
    return matches


def queue_reader_email(user: User, template: str, context: dict, key: str) -> bool:
    """A match email (new match or digest) to one reader, with their unsubscribe link."""
    return queue_email_to_user(
        user, template, {**context, "unsubscribe_token": unsubscribe_token(user)}, key=key
    )


@transaction.atomic
def notify_new_matches(matches: Iterable[Match]) -> int:
    """Email the people of both sides of every match among `matches` that is good enough and
    has not been announced yet (new, or risen above the threshold since), as each prefers.

    Idempotent: a match is announced once (notified_at), and an email about a match to a
    person has one outbox key, so a retried or duplicated task queues nothing. Returns emails
    queued."""
    ids = [match.pk for match in matches]
    if not ids:
        return 0
    queued = 0
    managers: dict[int, list[User]] = {}
    found = [
        match
        for match in notifiable(
            Match.objects.filter(pk__in=ids, notified_at__isnull=True)
        ).order_by("-score", "pk")
        if not held_for_translation(match)
    ]
    for match in with_posting_translations(found):
        for user, own in recipients(match, managers):
            # Readers of the daily digest get it from matching.digest; "off" means nothing.
            if user.match_emails == User.MatchEmails.IMMEDIATELY:
                queued += queue_reader_email(
                    user, "new_match", match_email_context(match, own), match_email_key(match, user)
                )
    # A concurrent run (the need's and the offer's task) may have announced some first.
    Match.objects.filter(pk__in=[m.pk for m in found], notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    return queued


def notify_matches_of(posting: Posting) -> int:
    """After a posting was matched: its good matches not announced yet (new ones, or ones that
    rose past the threshold). Returns emails queued."""
    return notify_new_matches(
        notifiable(
            Match.objects.filter(**{Side.of(posting).value: posting}, notified_at__isnull=True)
        )
    )


def notify_unannounced_matches(batch: int = 500) -> int:
    """Announce every good suggestion not announced yet (after `manage.py match --all`), a
    batch per transaction. Returns emails queued."""
    ids = list(
        notifiable(Match.objects.filter(notified_at__isnull=True))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(
        notify_new_matches(Match.objects.filter(pk__in=ids[start : start + batch]))
        for start in range(0, len(ids), batch)
    )
