"""Delivery of queued emails: claim the row, send once, record the outcome truthfully.

- A row is claimed (queued → sending) before the mail server is spoken to, so a duplicated
  task finds it claimed and sends nothing.
- A temporary failure puts the row back in the queue, due again after a growing pause; the
  sweep hands it to a new task then (no Celery countdown: a task held by a worker that dies
  would wait in the broker for its whole visibility timeout).
- A row whose task was lost (a killed worker, Redis down at commit) is due again LOST_AFTER
  after it was queued; the sweep (every SWEEP_EVERY) hands it to a new task, so a lost email
  goes out within about LOST_AFTER + SWEEP_EVERY.
- A row left in `sending` was being sent by a worker that died: the server may have accepted
  it. It becomes "delivery unknown", is never sent again on its own, and an admin who resends
  it must confirm that it may arrive twice.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from core.models import OutgoingEmail

logger = logging.getLogger(__name__)

Status = OutgoingEmail.Status
MAX_ATTEMPTS = 5
# Sending takes well under a second (the test's kill run measures it); a queued row not sent
# a minute after it was due had its task lost.
LOST_AFTER = timedelta(minutes=1)
SWEEP_EVERY = timedelta(seconds=settings.OUTBOX_SWEEP_SECONDS)
# A send is bounded by the SMTP timeout and the task's time limit; a row still `sending`
# after this was being sent by a worker that is gone.
STUCK_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30)
FIRST_RETRY_AFTER = timedelta(seconds=30)
LAST_RETRY_AFTER = timedelta(hours=1)
# Refusals that another attempt will not change.
PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


class DeliveryFailed(Exception):
    """A temporary failure: the row waits for its next attempt."""


def retry_pause(attempts: int) -> timedelta:
    """30 s after the first failure, doubling up to an hour."""
    return min(FIRST_RETRY_AFTER * 2 ** (attempts - 1), LAST_RETRY_AFTER)


def _claim(email_id: int) -> OutgoingEmail | None:
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=Status.QUEUED)
            .first()
        )
        if email is None:
            return None
        email.status = Status.SENDING
        email.attempts += 1
        email.save(update_fields=["status", "attempts", "updated_at"])
    return email


def deliver(email_id: int) -> bool:
    """Send a queued email once. True if sent; raises DeliveryFailed when worth retrying."""
    email = _claim(email_id)
    if email is None:
        return False
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as error:
        return _failed(email, error)
    email.status = Status.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "sent_at", "updated_at"])
    return True


def _failed(email: OutgoingEmail, error: Exception) -> bool:
    permanent = isinstance(error, PERMANENT_ERRORS) or email.attempts >= MAX_ATTEMPTS
    email.status = Status.FAILED if permanent else Status.QUEUED
    email.due_at = timezone.now() + retry_pause(email.attempts)
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    email.save(update_fields=["status", "due_at", "last_error", "updated_at"])
    logger.warning("Email %s to %s failed: %s", email.pk, email.to, email.last_error)
    if permanent:
        return False
    raise DeliveryFailed(email.last_error) from error


def mark_stuck_emails_unknown() -> int:
    """Rows left in `sending` by a worker that died mid-send: the mail server may have
    accepted them, so they are never sent again on their own."""
    return OutgoingEmail.objects.filter(
        status=Status.SENDING, updated_at__lt=timezone.now() - STUCK_AFTER
    ).update(
        status=Status.UNKNOWN,
        last_error="The worker stopped while sending: the email may or may not have arrived.",
        updated_at=timezone.now(),
    )


@transaction.atomic
def claim_due_emails(limit: int = 1000) -> list[int]:
    """Queued rows whose time has come (a lost task, a retry's turn), each due again after
    LOST_AFTER: the caller hands them to tasks now, and the next sweep leaves them to those."""
    now = timezone.now()
    ids = list(
        OutgoingEmail.objects.select_for_update(skip_locked=True)
        .filter(status=Status.QUEUED, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    OutgoingEmail.objects.filter(pk__in=ids).update(due_at=now + LOST_AFTER)
    return ids


@transaction.atomic
def requeue(email_ids, *, include_unknown: bool = False) -> list[int]:
    """An admin sends failed emails again; emails of unknown delivery only when they said
    so, knowing that those may arrive twice. Returns the ids queued."""
    statuses = [Status.FAILED, Status.UNKNOWN] if include_unknown else [Status.FAILED]
    rows = OutgoingEmail.objects.filter(pk__in=list(email_ids), status__in=statuses)
    ids = list(rows.values_list("pk", flat=True))
    rows.update(
        status=Status.QUEUED,
        attempts=0,
        due_at=timezone.now() + LOST_AFTER,
        updated_at=timezone.now(),
    )
    return ids
