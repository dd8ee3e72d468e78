"""Periodic upkeep of needs and offers (Celery beat)."""

from celery import shared_task

from postings.services import moderation, staleness


@shared_task
def remind_stale_postings() -> int:
    return staleness.remind_stale_postings()


@shared_task
def expire_stale_postings() -> int:
    return staleness.expire_stale_postings()


@shared_task
def send_moderation_digest() -> int:
    return moderation.send_moderation_digest()
