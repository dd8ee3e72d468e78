"""Delivery of queued emails: claim the row, send once, record the outcome."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from core.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
LOST_AFTER = timedelta(minutes=10)
# Refusals that another attempt will not change.
PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


class DeliveryFailed(Exception):
    """A temporary failure: the task retries with backoff."""


def _claim(email_id: int) -> OutgoingEmail | None:
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.QUEUED)
            .first()
        )
        if email is None:
            return None
        email.status = OutgoingEmail.Status.SENDING
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
        permanent = isinstance(error, PERMANENT_ERRORS) or email.attempts >= MAX_ATTEMPTS
        email.status = OutgoingEmail.Status.FAILED if permanent else OutgoingEmail.Status.QUEUED
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        email.save(update_fields=["status", "last_error", "updated_at"])
        logger.warning("Email %s to %s failed: %s", email.pk, email.to, email.last_error)
        if permanent:
            return False
        raise DeliveryFailed(email.last_error) from error
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "sent_at", "updated_at"])
    return True


def give_up_on_stuck_emails() -> int:
    """Rows left in `sending` mean a worker died mid-send: delivery is unknown, and "never
    twice" wins, so they are marked failed for an admin to look at."""
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, updated_at__lt=timezone.now() - LOST_AFTER
    ).update(
        status=OutgoingEmail.Status.FAILED,
        last_error="The worker stopped while sending; delivery is unknown.",
        updated_at=timezone.now(),
    )


def lost_email_ids() -> list[int]:
    """Queued emails whose task has not run for a while (Redis was down, a message was lost)."""
    return list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.QUEUED, updated_at__lt=timezone.now() - LOST_AFTER
        ).values_list("pk", flat=True)
    )
