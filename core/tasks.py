"""Celery tasks: thin, take ids, call the service."""

from celery import shared_task

from core import outbox
from core.api.feed import purge_old_changes
from core.api.idempotency import purge_old_keys


@shared_task
def send_outgoing_email(email_id: int) -> bool:
    """Send one email; a temporary failure leaves it queued for its next turn (the sweep)."""
    try:
        return outbox.deliver(email_id)
    except outbox.DeliveryFailed:
        return False


@shared_task
def sweep_outbox() -> int:
    """Periodic (every outbox.SWEEP_EVERY): rows a dead worker left mid-send become "delivery
    unknown"; queued rows that are due (a lost task, a retry's turn) go to new tasks."""
    outbox.mark_stuck_emails_unknown()
    due = outbox.claim_due_emails()
    for email_id in due:
        send_outgoing_email.delay(email_id)
    return len(due)


@shared_task
def purge_api_history() -> int:
    """Daily: changes past the retention window, idempotency keys older than a day."""
    return purge_old_changes() + purge_old_keys()
