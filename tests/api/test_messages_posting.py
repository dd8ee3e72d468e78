"""POST /api/v1/matches/{id}/messages/: a message in the match's open conversation, emailed to
the other side once; a retry with the same Idempotency-Key posts and emails nothing more."""

import pytest
from django.core import mail

from matching import services
from matching.models import Match, Message
from tests.api.clients import token_client

pytestmark = pytest.mark.django_db


def _url(match: Match) -> str:
    return f"/api/v1/matches/{match.uuid}/messages/"


@pytest.fixture
def api(official):
    return token_client(official)


@pytest.fixture
def contacted(match, official) -> Match:
    services.match_contact(user=official, match=match)
    return match


def test_a_message_is_posted_and_emailed_to_the_other_side(
    api, contacted, official, giver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(_url(contacted), {"body": "When can you send them?"})

    assert response.status_code == 201
    message = Message.objects.get()
    assert message.author == official
    assert response.json() == {
        "id": str(message.uuid),
        "match": str(contacted.uuid),
        "author": official.get_full_name(),
        "body": "When can you send them?",
        "language": "",
        "translations": {},
        "created_at": response.json()["created_at"],
    }
    assert [email.to for email in mail.outbox] == [[giver.email]]


def test_the_new_message_is_found_where_its_location_says(api, contacted):
    response = api.post(_url(contacted), {"body": "When can you send them?"})

    found = api.get(response["Location"])

    assert response["Location"] == f"/api/v1/messages/{Message.objects.get().uuid}/"
    assert found.status_code == 200
    assert found.json() == response.json()
    assert found["ETag"] == response["ETag"]


def test_a_retry_with_the_same_idempotency_key_posts_and_emails_once(
    api, contacted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = api.post(_url(contacted), {"body": "Hello"}, HTTP_IDEMPOTENCY_KEY="message-1")
        retry = api.post(_url(contacted), {"body": "Hello"}, HTTP_IDEMPOTENCY_KEY="message-1")

    assert first.status_code == retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_same_idempotency_key_with_another_message_is_refused(api, contacted):
    api.post(_url(contacted), {"body": "Hello"}, HTTP_IDEMPOTENCY_KEY="message-1")

    response = api.post(_url(contacted), {"body": "Bye"}, HTTP_IDEMPOTENCY_KEY="message-1")

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Message.objects.count() == 1


def test_two_messages_with_two_keys_are_two_messages(api, contacted):
    api.post(_url(contacted), {"body": "Hello"}, HTTP_IDEMPOTENCY_KEY="message-1")
    api.post(_url(contacted), {"body": "Hello"}, HTTP_IDEMPOTENCY_KEY="message-2")

    assert Message.objects.count() == 2


def test_there_is_no_message_before_the_conversation_is_open(api, match):
    response = api.post(_url(match), {"body": "Hello"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["There is no open conversation about this match."]
    }
    assert not Message.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001, "nul\x00byte", None, ["Hello"]])
def test_a_message_that_is_not_a_text_of_at_most_5000_characters_names_the_body(
    api, contacted, body
):
    response = api.post(_url(contacted), {"body": body})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]
    assert not Message.objects.exists()


def test_a_message_needs_a_body(api, contacted):
    response = api.post(_url(contacted), {})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]
