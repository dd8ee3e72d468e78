"""The outbox sends each email once, retries temporary failures when their turn comes, records
permanent ones, and tells a delivery it cannot be sure of ("unknown") from a refused one."""

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
    """As queue_email leaves it: its task is on the way, the sweep waits LOST_AFTER."""
    return OutgoingEmail.objects.create(
        to="olena@kam-pod.example",
        language="uk",
        subject="Привіт",
        body_text="Текст",
        due_at=timezone.now() + outbox.LOST_AFTER,
    )


def _overdue(email: OutgoingEmail, **fields) -> None:
    OutgoingEmail.objects.filter(pk=email.pk).update(
        due_at=timezone.now() - timedelta(seconds=1), **fields
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


def test_an_smtp_failure_is_recorded_and_waits_for_its_next_turn(queued, smtp_down):
    with pytest.raises(outbox.DeliveryFailed):
        outbox.deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.QUEUED
    assert queued.attempts == 1
    assert "Connection" in queued.last_error or "refused" in queued.last_error.lower()
    wait = queued.due_at - timezone.now()
    assert timedelta(seconds=25) < wait <= outbox.FIRST_RETRY_AFTER


def test_after_the_last_attempt_the_failure_is_final_and_not_retried(queued, smtp_down):
    for _attempt in range(outbox.MAX_ATTEMPTS - 1):
        with pytest.raises(outbox.DeliveryFailed):
            outbox.deliver(queued.pk)
    assert outbox.deliver(queued.pk) is False
    queued.refresh_from_db()
    assert queued.attempts == outbox.MAX_ATTEMPTS
    assert queued.status == OutgoingEmail.Status.FAILED


def test_the_pause_between_attempts_doubles_up_to_an_hour():
    pauses = [outbox.retry_pause(attempts).total_seconds() for attempts in range(1, 10)]
    assert pauses[:4] == [30, 60, 120, 240]
    assert max(pauses) == 3600


def test_a_failed_attempt_is_tried_again_by_the_sweep_when_its_turn_comes(
    queued, smtp_down, settings, mailoutbox
):
    assert send_outgoing_email(queued.pk) is False  # no Celery retry: the row waits
    assert sweep_outbox() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _overdue(queued)
    assert sweep_outbox() == 1
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (OutgoingEmail.Status.SENT, 2)


def test_a_refused_recipient_fails_at_once(queued, settings, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"olena@kam-pod.example": (550, b"No such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert outbox.deliver(queued.pk) is False
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.FAILED
    assert "SMTPRecipientsRefused" in queued.last_error


def test_the_sweep_sends_emails_whose_task_was_lost(queued, mailoutbox):
    _overdue(queued)
    assert sweep_outbox() == 1
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.SENT
    assert len(mailoutbox) == 1


def test_the_sweep_leaves_fresh_emails_to_their_task(queued, mailoutbox):
    assert sweep_outbox() == 0
    assert mailoutbox == []


def test_an_email_stuck_mid_send_becomes_delivery_unknown_and_is_not_sent_again(queued, mailoutbox):
    OutgoingEmail.objects.filter(pk=queued.pk).update(
        status=OutgoingEmail.Status.SENDING, updated_at=timezone.now() - outbox.STUCK_AFTER
    )
    sweep_outbox()
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.UNKNOWN
    assert "may or may not have arrived" in queued.last_error
    sweep_outbox()
    assert mailoutbox == []


def test_an_email_being_sent_right_now_is_left_alone(queued, mailoutbox):
    OutgoingEmail.objects.filter(pk=queued.pk).update(status=OutgoingEmail.Status.SENDING)
    sweep_outbox()
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.SENDING
