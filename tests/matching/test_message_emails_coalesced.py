"""A burst of messages is one email per reader: the first message after a quiet spell goes out
at once, what follows within a few minutes waits for the sweep and comes as one email."""

from datetime import timedelta

import pytest
from django.core import mail

from matching import services
from matching.message_delivery import COALESCE_FOR, LOST_AFTER
from matching.models import Message
from matching.tasks import sweep_held_announcements

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(match, official):
    return services.match_contact(user=official, match=match)


def _post(user, match, body, capture) -> Message:
    with capture(execute=True):
        return services.message_post(user=user, match=match, body=body)


def _later(minutes: float) -> None:
    """As if every message had been written and announced `minutes` earlier."""
    for message in Message.objects.all():
        Message.objects.filter(pk=message.pk).update(
            created_at=message.created_at - timedelta(minutes=minutes),
            announced_at=message.announced_at and message.announced_at - timedelta(minutes=minutes),
        )


def test_messages_that_follow_within_minutes_wait_and_come_as_one_email(
    match, conversation, official, giver, django_capture_on_commit_callbacks
):
    _post(official, match, "Are the beds still there?", django_capture_on_commit_callbacks)
    _post(official, match, "We could collect them on Monday.", django_capture_on_commit_callbacks)
    _post(official, match, "Or Tuesday.", django_capture_on_commit_callbacks)

    [first] = mail.outbox
    assert "Are the beds still there?" in first.body
    assert "Monday" not in first.body
    assert Message.objects.filter(announced_at__isnull=True).count() == 2

    _later(minutes=COALESCE_FOR.total_seconds() / 60 + 1)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_held_announcements()

    [_first, together] = mail.outbox
    assert together.to == [giver.email]
    assert together.subject.startswith("2 nowe wiadomości")  # the giver reads Polish: 2-4 "nowe"
    assert together.body.index("Monday") < together.body.index("Or Tuesday.")
    assert "Are the beds still there?" not in together.body
    assert not Message.objects.filter(announced_at__isnull=True).exists()


def test_the_sweep_leaves_them_waiting_while_the_reader_was_emailed_recently(
    match, conversation, official, django_capture_on_commit_callbacks
):
    _post(official, match, "First.", django_capture_on_commit_callbacks)
    _post(official, match, "Second.", django_capture_on_commit_callbacks)
    _later(minutes=LOST_AFTER.total_seconds() / 60 + 1)  # the sweep looks at it, too early

    with django_capture_on_commit_callbacks(execute=True):
        sweep_held_announcements()

    assert len(mail.outbox) == 1
    assert Message.objects.get(body="Second.").announced_at is None


def test_an_answer_from_the_other_side_goes_out_at_once(
    match, conversation, official, giver, django_capture_on_commit_callbacks
):
    _post(official, match, "Are the beds still there?", django_capture_on_commit_callbacks)
    _post(giver, match, "Yes, twenty of them.", django_capture_on_commit_callbacks)

    [question, answer] = mail.outbox
    assert question.to == [giver.email]
    assert answer.to == [official.email]
    assert "Yes, twenty of them." in answer.body


def test_a_waiting_burst_is_emailed_once_however_often_it_is_delivered(
    match, conversation, official, django_capture_on_commit_callbacks
):
    _post(official, match, "First.", django_capture_on_commit_callbacks)
    _post(official, match, "Second.", django_capture_on_commit_callbacks)
    _later(minutes=COALESCE_FOR.total_seconds() / 60 + 1)

    with django_capture_on_commit_callbacks(execute=True):
        sweep_held_announcements()
        sweep_held_announcements()

    assert len(mail.outbox) == 2
