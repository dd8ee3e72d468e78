"""Celery tasks of matching: thin, ids only, idempotent (one Match per pair)."""

from celery import shared_task

from matching.digest import send_match_digests as queue_match_digests
from matching.engine.pipeline import match_posting as run_matching
from matching.notifications import notify_matches_of
from postings.registry import posting_model, posting_models
from postings.services.matching_queue import claim_overdue_matching

SWEEP_BATCH = 1000


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=10,
    retry_backoff_max=600,
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
def sweep_pending_matching() -> int:
    """Periodic: postings still marked to be matched whose task was lost (a killed worker,
    Redis down at save), each handed to a task of its own. Returns how many."""
    swept = 0
    for model in posting_models():
        for pk in claim_overdue_matching(model, SWEEP_BATCH):
            match_posting.delay(model._meta.label_lower, pk)
            swept += 1
    return swept


@shared_task
def send_match_digests() -> int:
    """Daily: yesterday's new matches, one email each, for those who chose the digest."""
    return queue_match_digests()
