"""The outbox sends each email once, retries temporary failures and records permanent ones."""

import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from core import outbox
from core.models import OutgoingEmail
from core.tasks import send_outgoing_email, sweep_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued() -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        to="olena@kam-pod.example", language="uk", subject="Привіт", body_text="Текст"
    )


@pytest.fixture
def smtp_down(settings):
    """A real SMTP backend pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2


def test_a_queued_email_is_sent_and_marked_sent(queued, mailoutbox):
    assert outbox.deliver(queued.pk) is True
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.SENT
    assert queued.sent_at is not None
    assert [message.subject for message in mailoutbox] == ["Привіт"]


def test_delivering_twice_sends_once(queued, mailoutbox):
    outbox.deliver(queued.pk)
    assert outbox.deliver(queued.pk) is False
    assert len(mailoutbox) == 1


def test_an_email_claimed_by_another_worker_is_not_sent(queued, mailoutbox):
    OutgoingEmail.objects.filter(pk=queued.pk).update(status=OutgoingEmail.Status.SENDING)
    assert outbox.deliver(queued.pk) is False
    assert mailoutbox == []


def test_an_smtp_failure_is_recorded_and_retried(queued, smtp_down):
    with pytest.raises(outbox.DeliveryFailed):
        outbox.deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.QUEUED
    assert queued.attempts == 1
    assert "Connection" in queued.last_error or "refused" in queued.last_error.lower()


def test_after_the_last_attempt_the_failure_is_final_and_not_retried(queued, smtp_down):
    for _attempt in range(outbox.MAX_ATTEMPTS - 1):
        with pytest.raises(outbox.DeliveryFailed):
            outbox.deliver(queued.pk)
    assert outbox.deliver(queued.pk) is False
    queued.refresh_from_db()
    assert queued.attempts == outbox.MAX_ATTEMPTS
    assert queued.status == OutgoingEmail.Status.FAILED


def test_the_task_retries_delivery_failures_with_backoff_as_often_as_delivery_allows():
    assert send_outgoing_email.autoretry_for == (outbox.DeliveryFailed,)
    assert send_outgoing_email.max_retries == outbox.MAX_ATTEMPTS
    assert send_outgoing_email.retry_backoff


def test_a_refused_recipient_fails_at_once(queued, settings, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"olena@kam-pod.example": (550, b"No such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert outbox.deliver(queued.pk) is False
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.FAILED
    assert "SMTPRecipientsRefused" in queued.last_error


def test_the_sweep_sends_emails_whose_task_was_lost(queued, mailoutbox):
    OutgoingEmail.objects.filter(pk=queued.pk).update(
        updated_at=timezone.now() - timedelta(minutes=30)
    )
    assert sweep_outbox() == 1
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.SENT
    assert len(mailoutbox) == 1


def test_the_sweep_leaves_fresh_emails_to_their_task(queued, mailoutbox):
    assert sweep_outbox() == 0
    assert mailoutbox == []


def test_the_sweep_gives_up_on_an_email_stuck_mid_send_rather_than_risk_sending_twice(
    queued, mailoutbox
):
    OutgoingEmail.objects.filter(pk=queued.pk).update(
        status=OutgoingEmail.Status.SENDING, updated_at=timezone.now() - timedelta(minutes=30)
    )
    sweep_outbox()
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.FAILED
    assert "unknown" in queued.last_error
    assert mailoutbox == []
