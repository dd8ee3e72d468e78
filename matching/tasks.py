"""Celery tasks of matching: thin, ids only, idempotent (one Match per pair)."""

import logging

from celery import shared_task

from core import translation
from matching import message_delivery
from matching.digest import send_match_digests as queue_match_digests
from matching.engine.pipeline import match_posting as run_matching
from matching.models import Message
from matching.notifications import notify_matches_of, notify_unannounced_matches
from postings.registry import posting_model, posting_models
from postings.services.matching_queue import claim_overdue_matching

logger = logging.getLogger(__name__)

SWEEP_BATCH = 1000
# Delivering a message tries its translation this often (30 s, 60 s, ... apart) while the
# email may still wait for it (message_delivery.HOLD_FOR_TRANSLATION).
MESSAGE_TRANSLATION_TRIES = 4


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=10,
    retry_backoff_max=240,  # below the broker's visibility timeout; the sweep does the rest
    max_retries=5,
)
def match_posting(label: str, pk: int) -> int:
    """Rematch one posting; its good matches not announced yet (new ones, or ones whose score
    rose past the threshold) are notified. Returns how many matches are new."""
    model = posting_model(label)
    posting = (
        model.objects.select_related("municipality", "sector", "topic", "help_kind")
        .filter(pk=pk)
        .first()
    )
    if posting is None:
        return 0
    new = run_matching(posting)
    notify_matches_of(posting)  # one transaction of its own
    return len(new)


@shared_task
def announce_matches_of(label: str, pk: int) -> int:
    """A posting's translations are done: announce its matches that waited for them."""
    posting = posting_model(label).objects.filter(pk=pk).first()
    return 0 if posting is None else notify_matches_of(posting)


@shared_task
def sweep_pending_matching() -> int:
    """Periodic: postings still marked to be matched whose task was lost (a killed worker,
    Redis down at save), each handed to a task of its own. Returns how many."""
    swept = 0
    for model in posting_models():
        for pk in claim_overdue_matching(model, SWEEP_BATCH):
            match_posting.delay(model._meta.label_lower, pk)
            swept += 1
    return swept


@shared_task(bind=True, acks_late=True, max_retries=MESSAGE_TRANSLATION_TRIES)
def deliver_message(self, pk: int) -> int:
    """Translate a new message for its readers, then email the other side. A translation
    service that is down is tried again while the email may wait; then the email goes out
    with the message as written. Returns emails queued."""
    message = Message.objects.filter(pk=pk).first()
    if message is None:
        return 0
    try:
        message_delivery.translate_message(message)
    except translation.TranslationUnavailable as error:
        if self.request.retries < self.max_retries and not message_delivery.overdue(message):
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
        logger.warning("Message %s is emailed untranslated: %s", pk, error)
    return message_delivery.announce_message(message)


@shared_task
def sweep_held_announcements() -> int:
    """Periodic: messages whose email is overdue (a lost task), or that still lack their
    translations, are delivered again; matches held for their postings' translations are
    announced once the wait is over. Returns how many messages were handed on."""
    notify_unannounced_matches()
    pks = message_delivery.messages_to_sweep()
    for pk in pks:
        deliver_message.delay(pk)
    return len(pks)


@shared_task
def send_match_digests() -> int:
    """Daily: yesterday's new matches, one email each, for those who chose the digest."""
    return queue_match_digests()
