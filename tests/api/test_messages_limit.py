"""Over MESSAGES_PER_CONVERSATION_PER_HOUR, the API answers 429 with Retry-After and stores
nothing."""

import pytest

from matching import services
from matching.models import Message
from tests.api.clients import token_client

pytestmark = pytest.mark.django_db


def test_one_message_too_many_is_429_with_retry_after(settings, match, official):
    settings.MESSAGES_PER_CONVERSATION_PER_HOUR = 2
    services.match_contact(user=official, match=match)
    api = token_client(official)
    url = f"/api/v1/matches/{match.uuid}/messages/"
    for number in range(2):
        assert api.post(url, {"body": f"Message {number}"}).status_code == 201

    response = api.post(url, {"body": "One too many"})

    assert response.status_code == 429
    assert response.json()["code"] == "limit_reached"
    assert "2 messages in this conversation" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    assert Message.objects.count() == 2
