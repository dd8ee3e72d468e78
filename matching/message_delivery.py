"""A conversation's messages in each reader's language: the worker translates a message into
the languages of the people who speak for the two postings, then emails the other side, each
in their language with the original below. The request that stores a message translates
nothing; without a translation service the emails go out at once, with the message as written.

An email waits for its translation a few minutes at most (HOLD_FOR_TRANSLATION): a service
that is down delays it that long, then it goes out as written; the page shows the translation
once the worker has made it.

A reader gets one email per conversation every few minutes at most (COALESCE_FOR): the first
message after a quiet spell goes out at once, what follows within the window waits for the
sweep and goes out as one email that lists it all.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from core import translation
from core.emails import queue_email_to_user
from core.languages import LANGUAGE_CODES
from matching import permissions
from matching.models import Conversation, Match, Message, MessageTranslation
from matching.sides import Side
from postings.selectors import posting_contacts, with_translations

logger = logging.getLogger(__name__)

HOLD_FOR_TRANSLATION = timedelta(minutes=5)
# A reader emailed about a conversation hears of its next messages this much later at the
# earliest (then within one sweep, sweep-held-announcements: two minutes).
COALESCE_FOR = timedelta(minutes=5)
# A message not announced after this has lost its task: the sweep hands it to a new one.
LOST_AFTER = timedelta(minutes=2)
# How long the sweep keeps trying to translate a message the service could not.
RETRANSLATE_FOR = timedelta(days=1)


def message_recipients(match: Match, author: User) -> list[User]:
    """Whoever speaks for the other side's posting (both sides' when staff write), never the
    author."""
    author_sides = permissions.acting_sides(author, match)
    sides = [side for side in Side if side not in author_sides] or list(Side)
    people = {
        person.pk: person
        for side in sides
        for person in posting_contacts(side.posting(match))
        if person.pk != author.pk
    }
    return list(people.values())


def _match_of(message: Message) -> Match:
    return Match.objects.select_related(
        "need__municipality", "need__contact", "offer__municipality", "offer__contact"
    ).get(conversation__messages=message)


def reader_languages(match: Match) -> list[str]:
    """The languages of the people who speak for the two postings."""
    people = [person for side in Side for person in posting_contacts(side.posting(match))]
    return sorted({person.language for person in people} & set(LANGUAGE_CODES))


def translate_message(message: Message) -> int:
    """Translate the message into its readers' languages (those missing). Returns how many
    translations were stored; raises TranslationUnavailable when the service is down."""
    backend = translation.backend()
    if not backend.configured:
        return 0
    done = set(message.translations.values_list("language", flat=True))
    source = message.language or None
    made = []
    for language in reader_languages(_match_of(message)):
        if language in done or language == source:
            continue
        try:
            result = backend.translate([message.body], target=language, source=source)
        except translation.TranslationUnavailable:
            raise
        except translation.TranslationError as error:
            logger.warning("Translating message %s was refused: %s", message.pk, error)
            break
        source = source or (result.source if result.source in LANGUAGE_CODES else None)
        text = result.texts[0].strip()
        if language != source and text and text != message.body:
            made.append(MessageTranslation(message=message, language=language, text=text))
    with transaction.atomic():
        MessageTranslation.objects.bulk_create(made, ignore_conflicts=True)
        message.language = source or message.language
        message.translated_at = timezone.now()
        Message.objects.filter(pk=message.pk).update(
            language=message.language, translated_at=message.translated_at
        )
    return len(made)


def announce_message(message: Message) -> int:
    """Email the other side about the message, with whatever else of its conversation is still
    waiting, once (however often this runs): one email per reader, in their language, listing
    the messages translated for them where they are. Messages for a reader emailed about this
    conversation within COALESCE_FOR wait for a later run. Returns emails queued."""
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(messages=message)
        now = timezone.now()
        waiting = list(
            conversation.messages.filter(announced_at__isnull=True).select_related("author")
        )
        if not waiting:
            return 0
        match = _match_of(message)
        readers = _Readers(match)
        recent = conversation.messages.filter(announced_at__gte=now - COALESCE_FOR)
        told = {reader.pk for sent in recent.select_related("author") for reader in readers(sent)}
        due = [each for each in waiting if not told & {reader.pk for reader in readers(each)}]
        if not due:
            return 0
        Message.objects.filter(pk__in=[each.pk for each in due]).update(announced_at=now)
        return _email_readers(match, due, readers)


class _Readers:
    """Who is emailed about a message (message_recipients), looked up once per author."""

    def __init__(self, match: Match) -> None:
        self.match = match
        self.by_author: dict[int, list[User]] = {}

    def __call__(self, message: Message) -> list[User]:
        if message.author is None:
            return []
        if message.author_id not in self.by_author:
            self.by_author[message.author_id] = message_recipients(self.match, message.author)
        return self.by_author[message.author_id]


def _email_readers(match: Match, messages: list[Message], readers: _Readers) -> int:
    with_translations([match.need, match.offer])  # their titles in each reader's language
    translated = {
        (message_id, language): text
        for message_id, language, text in MessageTranslation.objects.filter(
            message__in=messages
        ).values_list("message_id", "language", "text")
    }
    per_reader: dict[int, tuple[User, list[Message]]] = {}
    for message in messages:
        for reader in readers(message):
            per_reader.setdefault(reader.pk, (reader, []))[1].append(message)
    return sum(
        queue_email_to_user(
            reader,
            "new_message",
            {
                "match": match,
                "messages": [
                    {
                        "message": message,
                        "author": message.author,
                        "translated": translated.get((message.pk, reader.language), ""),
                    }
                    for message in listed
                ],
            },
            key=f"message:{listed[-1].pk}:{reader.pk}",
        )
        for reader, listed in per_reader.values()
    )


def overdue(message: Message) -> bool:
    """Whether the message's email has waited for its translation long enough."""
    return timezone.now() - message.created_at >= HOLD_FOR_TRANSLATION


def messages_to_sweep() -> list[int]:
    """Messages whose email should have gone out by now (their task was lost), and, with a
    translation service, the day's messages it has not translated yet (it was down; one it
    refused is not sent again)."""
    now = timezone.now()
    due = Q(announced_at__isnull=True)
    if translation.is_configured():
        due |= Q(translated_at__isnull=True, created_at__gte=now - RETRANSLATE_FOR)
    messages = Message.objects.filter(due, created_at__lt=now - LOST_AFTER)
    return list(messages.order_by("pk").values_list("pk", flat=True))
