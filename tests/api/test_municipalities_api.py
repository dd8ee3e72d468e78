"""Municipalities in the API: verified ones for everyone, a pending one for its members and
staff only; a mirror learns when one leaves its sight (verification withdrawn: "hidden"; left
the municipality: "access_lost") and when one comes into it (joined a pending one)."""

import pytest
from rest_framework.test import APIClient

from municipalities.models import Membership
from municipalities.services import (
    membership_remove,
    membership_set,
    municipality_reject,
    municipality_update,
)
from tests.api.clients import token_client
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities/"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def _full_sync(client: APIClient) -> tuple[set[str], str]:
    response = client.get(URL)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["more"] is False
    return {item["id"] for item in body["results"]}, body["cursor"]


def _changes(client: APIClient, cursor: str) -> list[dict]:
    response = client.get(URL, {"since": cursor})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def pending_manager(pending_municipality):
    return MembershipFactory(municipality=pending_municipality, role=Membership.Role.MANAGER).user


def test_anyone_reads_verified_municipalities_but_not_pending_ones(
    municipality, pending_municipality
):
    ids, _cursor = _full_sync(APIClient())
    assert str(municipality.uuid) in ids
    assert str(pending_municipality.uuid) not in ids


def test_a_municipality_comes_with_its_names_in_every_language(municipality):
    response = APIClient().get(f"{URL}{municipality.uuid}/")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(municipality.uuid)
    assert body["name"] == {
        "en": "Kamianets-Podilskyi",
        "de": None,
        "uk": "Кам'янець-Подільський",
        "fr": None,
        "pl": None,
    }
    assert body["status"] == "verified"
    assert municipality.pk not in body.values(), "integer keys never leave the server"


def test_members_of_a_pending_municipality_see_it(pending_municipality, pending_manager):
    client = token_client(pending_manager)
    ids, _cursor = _full_sync(client)
    assert str(pending_municipality.uuid) in ids
    assert client.get(f"{URL}{pending_municipality.uuid}/").status_code == 200


def test_staff_see_a_pending_municipality(pending_municipality, staff):
    client = token_client(staff)
    ids, _cursor = _full_sync(client)
    assert str(pending_municipality.uuid) in ids
    assert client.get(f"{URL}{pending_municipality.uuid}/").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_others_get_404_for_a_pending_municipality_like_for_a_missing_one(
    who, pending_municipality, outsider
):
    client = APIClient() if who == "anonymous" else token_client(outsider)
    pending = client.get(f"{URL}{pending_municipality.uuid}/")
    missing = client.get(f"{URL}{UNKNOWN}/")
    assert pending.status_code == missing.status_code == 404
    assert pending.json() == missing.json()
    assert pending["Content-Type"] == "application/problem+json"
    assert missing.json()["code"] == "not_found"


def test_a_municipality_whose_verification_is_withdrawn_comes_as_hidden(municipality, staff):
    client = APIClient()
    ids, cursor = _full_sync(client)
    assert str(municipality.uuid) in ids
    municipality_reject(admin=staff, municipality=municipality, reason="Not a municipality.")
    assert _changes(client, cursor) == [
        {"id": str(municipality.uuid), "deleted": True, "reason": "hidden"}
    ]


def test_its_members_still_see_it_when_verification_is_withdrawn(municipality, manager, staff):
    client = token_client(manager)
    _ids, cursor = _full_sync(client)
    municipality_reject(admin=staff, municipality=municipality, reason="Not a municipality.")
    (changed,) = _changes(client, cursor)
    assert changed["id"] == str(municipality.uuid)
    assert changed["status"] == "rejected"


def test_an_edit_comes_in_the_next_incremental_call(municipality, manager):
    client = APIClient()
    _ids, cursor = _full_sync(client)
    municipality_update(user=manager, municipality=municipality, population=99_000)
    (changed,) = _changes(client, cursor)
    assert changed["id"] == str(municipality.uuid)
    assert changed["population"] == 99_000


def test_joining_a_pending_municipality_brings_it_and_leaving_sends_access_lost(
    pending_municipality, pending_manager
):
    newcomer = UserFactory()
    client = token_client(newcomer)
    ids, cursor = _full_sync(client)
    assert str(pending_municipality.uuid) not in ids

    membership = membership_set(
        manager=pending_manager,
        municipality=pending_municipality,
        user=newcomer,
        role=Membership.Role.OFFICIAL,
    )
    response = client.get(URL, {"since": cursor})
    (joined,) = response.json()["results"]
    assert joined["id"] == str(pending_municipality.uuid)
    assert joined["status"] == "pending"

    cursor = response.json()["cursor"]
    membership_remove(manager=pending_manager, membership=membership)
    assert _changes(client, cursor) == [
        {"id": str(pending_municipality.uuid), "deleted": True, "reason": "access_lost"}
    ]


def test_someone_else_joining_changes_nothing_for_others(pending_municipality, pending_manager):
    client = APIClient()
    _ids, cursor = _full_sync(client)
    membership_set(
        manager=pending_manager,
        municipality=pending_municipality,
        user=UserFactory(),
        role=Membership.Role.OFFICIAL,
    )
    assert _changes(client, cursor) == []


def test_leaving_a_verified_municipality_keeps_it_in_sight(municipality, manager, official):
    client = token_client(official)
    _ids, cursor = _full_sync(client)
    membership_remove(manager=manager, membership=official.memberships.get())
    (changed,) = _changes(client, cursor)
    assert changed["id"] == str(municipality.uuid)
    assert "deleted" not in changed


def test_an_unchanged_municipality_answers_304_to_its_etag(municipality, manager):
    client = APIClient()
    first = client.get(f"{URL}{municipality.uuid}/")
    etag = first["ETag"]
    assert etag
    again = client.get(f"{URL}{municipality.uuid}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content

    municipality_update(user=manager, municipality=municipality, population=12_345)
    changed = client.get(f"{URL}{municipality.uuid}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


# The feed's own (number the changes and find the latest number, one statement) and the page.
ANONYMOUS_QUERIES = 2
# With a token: the token with its user, then the same (the caller's memberships are a
# subquery of the page's query, not a query of their own). When the token was last used is
# noted on its first request, not on these.
MEMBER_QUERIES = 3


def _pages_of_5_and_50(client: APIClient, page_queries, at_most: int) -> tuple[int, int]:
    for _ in range(50):
        MunicipalityFactory()
    client.get(f"{URL}?page_size=1")
    return (
        page_queries(client, f"{URL}?page_size=5", at_most=at_most),
        page_queries(client, f"{URL}?page_size=50", at_most=at_most),
    )


def test_a_page_costs_the_same_queries_however_many_rows(page_queries):
    small, large = _pages_of_5_and_50(APIClient(), page_queries, ANONYMOUS_QUERIES)
    assert small == large


def test_a_member_s_page_costs_the_same_queries_however_many_rows(page_queries, pending_manager):
    client = token_client(pending_manager)
    small, large = _pages_of_5_and_50(client, page_queries, MEMBER_QUERIES)
    assert small == large


def test_municipalities_cannot_be_written_through_the_api(municipality, manager):
    client = token_client(manager)
    response = client.patch(f"{URL}{municipality.uuid}/", {"population": 1}, format="json")
    assert response.status_code == 405
    municipality.refresh_from_db()
    assert municipality.population != 1
