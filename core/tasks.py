"""Celery tasks: thin, take ids, call the service."""

from celery import shared_task

from core import outbox


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
