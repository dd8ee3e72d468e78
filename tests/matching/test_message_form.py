"""A message the page refuses keeps its text, with the error next to the form, and the page
scrolls to the form (its action ends with the form's id); a conversation takes at most
MESSAGES_PER_CONVERSATION_PER_HOUR messages of one person an hour."""

import re

import pytest
from django.core import mail

from core.limits import LimitReached
from matching import services
from matching.models import Message
from tests.factories import match_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacted(match, official):
    services.match_contact(user=official, match=match)
    return match


@pytest.fixture
def two_an_hour(settings):
    settings.MESSAGES_PER_CONVERSATION_PER_HOUR = 2


def _form(page: str) -> str:
    return re.search(r'<form [^>]*id="message-form".*?</form>', page, re.S).group(0)


def test_the_message_form_sends_the_page_back_to_itself(official_client, contacted):
    page = official_client.get(match_url(contacted)).content.decode()

    assert f'action="/en/matches/{contacted.pk}/messages/#message-form"' in _form(page)


def test_a_refused_message_keeps_its_text_and_shows_the_error_at_the_form(
    official_client, contacted
):
    text = "Hello <b>Lublin</b>, " + "x" * 5000

    response = official_client.post(match_url(contacted, "messages"), {"body": text})

    assert response.status_code == 400
    form = _form(response.content.decode())
    assert "Hello &lt;b&gt;Lublin&lt;/b&gt;, xxx" in form
    assert "at most 5000 characters" in form
    assert 'aria-invalid="true"' in form
    assert not Message.objects.exists()


def test_over_the_limit_the_page_says_so_and_keeps_the_text(
    official_client, contacted, two_an_hour
):
    for number in range(2):
        official_client.post(match_url(contacted, "messages"), {"body": f"Message {number}"})

    response = official_client.post(match_url(contacted, "messages"), {"body": "One too many"})

    assert response.status_code == 400
    form = _form(response.content.decode())
    assert "One too many" in form
    assert re.search(
        r"You have sent 2 messages in this conversation within an hour\. "
        r"You can go on in \d+ minutes?\.",
        form,
    )
    assert Message.objects.count() == 2


def test_the_limit_counts_per_conversation_and_person(
    official, giver_client, official_client, contacted, two_an_hour
):
    for number in range(2):
        services.message_post(user=official, match=contacted, body=f"Message {number}")

    refused = official_client.post(match_url(contacted, "messages"), {"body": "Third"})
    assert refused.status_code == 400
    response = giver_client.post(match_url(contacted, "messages"), {"body": "Answer"})
    assert response.status_code == 302
    assert Message.objects.count() == 3


def test_messages_over_the_limit_send_no_email(
    official, contacted, two_an_hour, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            services.message_post(user=official, match=contacted, body=f"Message {number}")
    mail.outbox.clear()

    with pytest.raises(LimitReached):
        services.message_post(user=official, match=contacted, body="Third")
    assert mail.outbox == []
