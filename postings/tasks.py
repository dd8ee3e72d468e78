"""Periodic upkeep of needs and offers (Celery beat), and their machine translation."""

from celery import shared_task

from core import translation
from postings.registry import posting_model, posting_models
from postings.services import moderation, staleness
from postings.services.translation import TRANSLATION, posting_translate

# Postings handed to translation tasks per sweep: a few requests each to the backend.
TRANSLATION_SWEEP_BATCH = 100


@shared_task
def remind_stale_postings() -> int:
    return staleness.remind_stale_postings()


@shared_task
def expire_stale_postings() -> int:
    return staleness.expire_stale_postings()


@shared_task
def send_moderation_digest() -> int:
    return moderation.send_moderation_digest()


@shared_task(
    acks_late=True,
    autoretry_for=(translation.TranslationUnavailable,),
    retry_backoff=30,
    retry_backoff_max=240,  # below the broker's visibility timeout; the sweep does the rest
    max_retries=4,
)
def translate_posting(label: str, pk: int) -> int:
    """Translate one posting's texts after it was saved; a backend that is down (timeout, 5xx)
    is tried again with backoff, then by the sweep. Returns how many texts were stored."""
    posting = posting_model(label).objects.filter(pk=pk).first()
    if posting is None:
        return 0
    return posting_translate(posting)


@shared_task
def sweep_pending_translations() -> int:
    """Periodic: postings still to be translated whose task was lost or gave up (and, once a
    backend is set up, every posting saved before), each handed to a task. Returns how many."""
    if not translation.is_configured():
        return 0
    swept = 0
    for model in posting_models():
        for pk in TRANSLATION.claim_overdue(model, TRANSLATION_SWEEP_BATCH):
            translate_posting.delay(model._meta.label_lower, pk)
            swept += 1
    return swept
