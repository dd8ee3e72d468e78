"""Celery tasks: thin, take ids, call the service."""

from celery import shared_task

from core import outbox
from core.api.feed import purge_old_changes
from core.api.idempotency import purge_old_keys


@shared_task(
    autoretry_for=(outbox.DeliveryFailed,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=outbox.MAX_ATTEMPTS,
)
def send_outgoing_email(email_id: int) -> bool:
    return outbox.deliver(email_id)


@shared_task
def sweep_outbox() -> int:
    """Periodic: give up on emails stuck mid-send, re-dispatch the ones whose task was lost."""
    outbox.give_up_on_stuck_emails()
    lost = outbox.lost_email_ids()
    for email_id in lost:
        send_outgoing_email.delay(email_id)
    return len(lost)


@shared_task
def purge_api_history() -> int:
    """Daily: changes past the retention window, idempotency keys older than a day."""
    return purge_old_changes() + purge_old_keys()
