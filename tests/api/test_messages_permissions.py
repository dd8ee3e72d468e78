"""Who reads a match's conversation through the API: the members of its two municipalities and
staff; an official of another municipality or of a pending one finds nothing, a caller without
a valid token is asked to authenticate. Messages are written only as an action on their match
(tests/api/test_matches_permissions.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from matching import services
from municipalities.models import Membership
from tests.api.clients import token_client
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

READERS = ["need_manager", "need_official", "offer_manager", "offer_official", "staff"]
STRANGERS = ["outsider", "pending_member"]
WITHOUT_TOKEN = ["anonymous", "expired_token", "revoked_token"]
PERSONAS = [*READERS, *STRANGERS, *WITHOUT_TOKEN]
URL = "/api/v1/messages/"


@pytest.fixture
def users(manager, official, giver, offering, staff, outsider, pending_municipality) -> dict:
    return {
        "need_manager": manager,
        "need_official": official,
        "offer_manager": giver,
        "offer_official": MembershipFactory(
            municipality=offering, role=Membership.Role.OFFICIAL
        ).user,
        "staff": staff,
        "outsider": outsider,
        "pending_member": MembershipFactory(municipality=pending_municipality).user,
    }


def _client(persona: str, users: dict) -> APIClient:
    if persona == "anonymous":
        return APIClient()
    if persona == "expired_token":
        client = token_client(users["need_manager"], lifetime=timedelta(hours=1))
        AuthToken.objects.filter(user=users["need_manager"]).update(
            expiry=timezone.now() - timedelta(seconds=1)
        )
        return client
    if persona == "revoked_token":
        client = token_client(users["need_manager"])
        AuthToken.objects.filter(user=users["need_manager"]).delete()
        return client
    return token_client(users[persona])


@pytest.fixture
def message(match, official):
    services.match_contact(user=official, match=match)
    return services.message_post(user=official, match=match, body="Are the beds still free?")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_holds_the_message_for_the_two_cities_and_staff(persona, users, message):
    response = _client(persona, users).get(URL)

    if persona in WITHOUT_TOKEN:
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        return
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()["results"]]
    assert ids == ([str(message.uuid)] if persona in READERS else [])


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_message_is_read_by_the_two_cities_and_staff(persona, users, message):
    response = _client(persona, users).get(f"{URL}{message.uuid}/")

    expected = 401 if persona in WITHOUT_TOKEN else 404 if persona in STRANGERS else 200
    assert response.status_code == expected


def test_a_message_reads_with_its_match_and_its_author_s_name_only(users, message, match):
    official = users["need_official"]

    response = _client("offer_manager", users).get(f"{URL}{message.uuid}/")

    assert response.json() == {
        "id": str(message.uuid),
        "match": str(match.uuid),
        "author": official.get_full_name(),
        "body": "Are the beds still free?",
        "language": "",
        "translations": {},
        "created_at": response.json()["created_at"],
    }
    assert official.email not in response.content.decode()


def test_an_author_without_a_name_is_shown_without_their_email(users, message):
    official = users["need_official"]
    official.first_name = official.last_name = ""
    official.save(update_fields=["first_name", "last_name"])

    response = _client("offer_manager", users).get(f"{URL}{message.uuid}/")

    assert response.json()["author"] is None
    assert official.email not in response.content.decode()


def test_a_message_has_an_etag(users, message):
    client = _client("offer_manager", users)
    response = client.get(f"{URL}{message.uuid}/")

    again = client.get(f"{URL}{message.uuid}/", HTTP_IF_NONE_MATCH=response["ETag"])

    assert again.status_code == 304


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_messages_are_not_written_through_their_collection(method, users, message):
    url = URL if method == "post" else f"{URL}{message.uuid}/"

    response = getattr(_client("need_manager", users), method)(url, {"body": "Changed"})

    assert response.status_code == 405
    message.refresh_from_db()
    assert message.body == "Are the beds still free?"
