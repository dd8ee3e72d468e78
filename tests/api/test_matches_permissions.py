"""Who reads and acts on a match through the API: the members of its two municipalities (both
roles, either side), staff to read and to write in the conversation; an official of another
municipality or of a pending one finds nothing (404), a caller without a valid token is asked
to authenticate (401). The same matrix for every endpoint and method of matches."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from matching import permissions, selectors, services
from matching.models import Match, Message
from municipalities.models import Membership
from tests.api.clients import token_client
from tests.factories import MembershipFactory, reload_match

pytestmark = pytest.mark.django_db

Status = Match.Status
MEMBERS = ["need_manager", "need_official", "offer_manager", "offer_official"]
NEED_SIDE = ["need_manager", "need_official"]
STRANGERS = ["outsider", "pending_member"]
WITHOUT_TOKEN = ["anonymous", "expired_token", "revoked_token"]
PERSONAS = [*MEMBERS, "staff", *STRANGERS, *WITHOUT_TOKEN]


@pytest.fixture
def offer_official(offering):
    return MembershipFactory(municipality=offering, role=Membership.Role.OFFICIAL).user


@pytest.fixture
def pending_member(pending_municipality):
    return MembershipFactory(municipality=pending_municipality, role=Membership.Role.MANAGER).user


@pytest.fixture
def users(manager, official, giver, offer_official, staff, outsider, pending_member) -> dict:
    return {
        "need_manager": manager,
        "need_official": official,
        "offer_manager": giver,
        "offer_official": offer_official,
        "staff": staff,
        "outsider": outsider,
        "pending_member": pending_member,
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


def _expected(persona: str, *, members: int, staff: int, need_side_only: bool = False) -> int:
    if persona in WITHOUT_TOKEN:
        return 401
    if persona in STRANGERS:
        return 404
    if persona == "staff":
        return staff
    if need_side_only and persona not in NEED_SIDE:
        return 403
    return members


def _url(match: Match, action: str = "") -> str:
    return f"/api/v1/matches/{match.uuid}/{action + '/' if action else ''}"


# Reading


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_holds_the_match_for_its_two_cities_and_staff(persona, users, match):
    response = _client(persona, users).get("/api/v1/matches/")

    if persona in WITHOUT_TOKEN:
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        return
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()["results"]]
    assert ids == ([str(match.uuid)] if persona in [*MEMBERS, "staff"] else [])


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_match_is_read_by_its_two_cities_and_staff(persona, users, match):
    response = _client(persona, users).get(_url(match))

    assert response.status_code == _expected(persona, members=200, staff=200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_readable_matches_are_those_can_read_allows(persona, users, match):
    """The API's scoped query and the rule of the pages say the same."""
    if persona in WITHOUT_TOKEN:
        return
    user = users[persona]

    readable = selectors.matches_readable_by(user).filter(pk=match.pk).exists()

    assert readable == permissions.can_read(user, match)


def test_a_match_unknown_and_a_match_of_others_answer_alike(users, match):
    client = _client("outsider", users)

    unknown = client.get("/api/v1/matches/00000000-0000-4000-8000-000000000000/")
    hidden = client.get(_url(match))

    assert unknown.status_code == hidden.status_code == 404
    assert unknown.json() == hidden.json()


# Acting


@pytest.mark.parametrize("persona", PERSONAS)
def test_either_city_contacts(persona, users, match):
    response = _client(persona, users).post(_url(match, "contact"), {})

    assert response.status_code == _expected(persona, members=200, staff=403)
    contacted = reload_match(match).status == Status.CONTACTED
    assert contacted == (response.status_code == 200)


@pytest.fixture
def contacted(match, official) -> Match:
    services.match_contact(user=official, match=match)
    return match


@pytest.mark.parametrize("persona", PERSONAS)
def test_either_city_proposes_an_agreement(persona, users, contacted):
    response = _client(persona, users).post(_url(contacted, "agree"), {"quantity": 5})

    assert response.status_code == _expected(persona, members=200, staff=403)
    proposed = reload_match(contacted).proposed_quantity == Decimal(5)
    assert proposed == (response.status_code == 200)


@pytest.fixture
def agreed(contacted, official, giver) -> Match:
    services.match_agree(user=official, match=contacted, quantity=Decimal(5))
    return services.match_accept(user=giver, match=contacted)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_city_in_need_confirms_the_delivery(persona, users, agreed):
    response = _client(persona, users).post(_url(agreed, "deliver"), {"quantity": 5})

    assert response.status_code == _expected(persona, members=200, staff=403, need_side_only=True)
    delivered = reload_match(agreed).status == Status.DELIVERED
    assert delivered == (response.status_code == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_city_dismisses_for_its_own_side_only(persona, users, match):
    response = _client(persona, users).post(_url(match, "dismiss"), {"side": "need"})

    assert response.status_code == _expected(persona, members=200, staff=403, need_side_only=True)
    dismissed = reload_match(match).status == Status.DISMISSED
    assert dismissed == (response.status_code == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_two_cities_and_staff_post_messages(persona, users, contacted):
    response = _client(persona, users).post(_url(contacted, "messages"), {"body": "Hello"})

    assert response.status_code == _expected(persona, members=201, staff=201)
    assert Message.objects.count() == (1 if response.status_code == 201 else 0)


@pytest.mark.parametrize("persona", [*MEMBERS, "staff", *STRANGERS])
@pytest.mark.parametrize("action", ["contact", "agree", "deliver", "dismiss", "messages"])
def test_a_bad_body_is_a_400_for_readers_and_still_a_404_for_others(persona, action, users, agreed):
    response = _client(persona, users).post(_url(agreed, action), {"unknown": 1})

    assert response.status_code == (404 if persona in STRANGERS else 400)
    if response.status_code == 400:
        assert "unknown" in response.json()["errors"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/matches/{uuid}/", "/api/v1/matches/"])
def test_matches_are_changed_only_through_their_actions(method, url, users, match):
    client = _client("need_manager", users)

    response = getattr(client, method)(url.format(uuid=match.uuid), {})

    assert response.status_code == 405
    assert reload_match(match).status == Status.SUGGESTED


def test_a_match_is_not_created_through_the_api(users, match):
    response = _client("need_manager", users).post("/api/v1/matches/", {})

    assert response.status_code == 405
    assert Match.objects.count() == 1
