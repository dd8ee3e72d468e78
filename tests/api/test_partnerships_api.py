"""Partnerships in the API, read: active, suspended and ended ones public, each with its
members; proposals for the officials of their members and staff; contacts for those alone; a
deleted one reaches mirrors as a tombstone, a proposal one no longer sees as access_lost; a
page costs the same number of queries however many rows it holds."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from municipalities.models import Membership
from partnerships.models import PartnershipMember
from partnerships.services import partnership_delete
from tests.api.clients import token_client
from tests.factories import MembershipFactory, MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/partnerships/"
# The feed's own (number the changes, find the latest number, the oldest kept) and a page of
# partnerships with their members (with municipalities and contacts) and sectors: as many
# for 5 rows as for 50.
QUERIES = 6
# Changes: the feed's (number them, the page of changes with the oldest kept), the
# partnerships changed with their members and sectors.
CHANGES_QUERIES = 5


@pytest.fixture
def twinning(municipality, other_municipality):
    return PartnershipFactory(
        members=[municipality, other_municipality], kind="twinning", started_on=date(2023, 5, 1)
    )


def _full_sync(client: APIClient) -> tuple[list[dict], str]:
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["more"] is False
    return body["results"], body["cursor"]


def _changes(client: APIClient, cursor: str) -> list[dict]:
    response = client.get(URL, {"since": cursor})
    assert response.status_code == 200
    return response.json()["results"]


def test_anyone_reads_a_partnership_with_its_members(twinning, municipality, other_municipality):
    PartnershipMember.objects.filter(municipality=other_municipality).update(
        joined_on=date(2024, 1, 10)
    )
    results, _cursor = _full_sync(APIClient())
    assert results == [
        {
            "id": str(twinning.uuid),
            "kind": "twinning",
            "status": "active",
            "original_language": "en",
            "title": {"en": None, "de": None, "uk": None, "fr": None, "pl": None},
            "description": {"en": None, "de": None, "uk": None, "fr": None, "pl": None},
            "started_on": "2023-05-01",
            "signed_on": None,
            "ended_on": None,
            "sectors": [],
            "languages": [],
            "members": [
                {
                    "municipality": str(municipality.uuid),
                    "name": {
                        "en": "Kamianets-Podilskyi",
                        "de": None,
                        "uk": "Кам'янець-Подільський",
                        "fr": None,
                        "pl": None,
                    },
                    "joined_on": None,
                    "left_on": None,
                    "confirmed": False,
                    "contact": None,
                },
                {
                    "municipality": str(other_municipality.uuid),
                    "name": {
                        "en": "Esslingen am Neckar",
                        "de": None,
                        "uk": None,
                        "fr": None,
                        "pl": None,
                    },
                    "joined_on": "2024-01-10",
                    "left_on": None,
                    "confirmed": False,
                    "contact": None,
                },
            ],
            "has_agreement": False,
            "created_at": results[0]["created_at"],
            "updated_at": results[0]["updated_at"],
        }
    ]


def test_the_contacts_are_for_the_members_officials_and_staff(
    twinning, municipality, official, outsider, staff
):
    PartnershipMember.objects.filter(municipality=municipality).update(contact=official)
    url = f"{URL}{twinning.uuid}/"

    def contact(client) -> dict | None:
        members = client.get(url).json()["members"]
        (kamianets,) = [m for m in members if m["municipality"] == str(municipality.uuid)]
        return kamianets["contact"]

    expected = {"name": official.display_name, "email": official.email}
    assert contact(token_client(official)) == expected
    assert contact(token_client(outsider)) == expected, "Esslingen is the other member"
    assert contact(token_client(staff)) == expected
    stranger = MembershipFactory(municipality=MunicipalityFactory()).user
    assert contact(token_client(stranger)) is None
    assert contact(APIClient()) is None


@pytest.fixture
def proposal(municipality, offering):
    return PartnershipFactory(members=[municipality, offering], status="proposed", started_on=None)


def test_a_proposal_is_for_the_officials_of_its_members_and_staff(
    proposal, official, giver, outsider, staff
):
    url = f"{URL}{proposal.uuid}/"
    assert token_client(official).get(url).status_code == 200
    assert token_client(giver).get(url).status_code == 200
    assert token_client(staff).get(url).status_code == 200
    assert token_client(outsider).get(url).status_code == 404
    assert APIClient().get(url).status_code == 404
    assert _full_sync(APIClient())[0] == []


def test_an_official_who_leaves_the_member_gets_a_tombstone_of_the_proposal(proposal, official):
    client = token_client(official)
    results, cursor = _full_sync(client)
    assert [item["id"] for item in results] == [str(proposal.uuid)]
    Membership.objects.filter(user=official).delete()
    assert _changes(client, cursor) == [
        {"id": str(proposal.uuid), "deleted": True, "reason": "access_lost"}
    ]


def test_a_proposal_becomes_public_when_it_is_confirmed(proposal):
    client = APIClient()
    _results, cursor = _full_sync(client)
    proposal.status = "active"
    proposal.started_on = date(2025, 1, 1)
    proposal.save()
    (changed,) = _changes(client, cursor)
    assert changed["id"] == str(proposal.uuid)
    assert changed["status"] == "active"


def test_member_names_do_not_depend_on_the_request_language(twinning):
    english = APIClient().get(f"{URL}{twinning.uuid}/")
    ukrainian = APIClient().get(f"{URL}{twinning.uuid}/", HTTP_ACCEPT_LANGUAGE="uk")
    assert english.json() == ukrainian.json()
    assert english["ETag"] == ukrainian["ETag"]


def test_a_deleted_partnership_comes_as_a_tombstone(twinning):
    client = APIClient()
    _results, cursor = _full_sync(client)
    partnership_delete(partnership=twinning)
    assert _changes(client, cursor) == [
        {"id": str(twinning.uuid), "deleted": True, "reason": "deleted"}
    ]


def test_a_member_that_joins_brings_the_partnership_again(twinning):
    client = APIClient()
    _results, cursor = _full_sync(client)
    venlo = MunicipalityFactory(name_en="Venlo")
    PartnershipMember.objects.create(
        partnership=twinning, municipality=venlo, joined_on=date(2025, 3, 1)
    )
    (changed,) = _changes(client, cursor)
    assert changed["id"] == str(twinning.uuid)
    assert str(venlo.uuid) in [member["municipality"] for member in changed["members"]]


def test_nothing_changed_is_an_empty_page_with_the_same_cursor(twinning):
    client = APIClient()
    _results, cursor = _full_sync(client)
    response = client.get(URL, {"since": cursor})
    assert response.json() == {"results": [], "cursor": cursor, "more": False}


def test_a_partnership_is_retrieved_with_an_etag(twinning):
    client = APIClient()
    response = client.get(f"{URL}{twinning.uuid}/")
    assert response.status_code == 200
    assert response.json()["id"] == str(twinning.uuid)
    again = client.get(f"{URL}{twinning.uuid}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_an_unknown_partnership_is_a_404_problem(twinning):
    response = APIClient().get(f"{URL}00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("method", ["put", "delete"])
def test_a_partnership_is_not_replaced_or_deleted_through_the_api(method, twinning, manager):
    response = getattr(token_client(manager), method)(f"{URL}{twinning.uuid}/", {}, format="json")
    assert response.status_code == 405


def test_a_page_costs_the_same_queries_however_many_rows(page_queries):
    for _ in range(50):
        PartnershipFactory(members=[MunicipalityFactory() for _ in range(3)])
    for partnership in PartnershipFactory._meta.model.objects.all():
        partnership.sectors.set([1, 2])
    small = page_queries(APIClient(), f"{URL}?page_size=5", at_most=QUERIES)
    large = page_queries(APIClient(), f"{URL}?page_size=50", at_most=QUERIES)
    assert small == large


def test_a_page_of_changes_costs_the_same_queries_however_many_rows(page_queries):
    _results, cursor = _full_sync(APIClient())
    for _ in range(50):
        PartnershipFactory(members=[MunicipalityFactory() for _ in range(3)])
    at_most = CHANGES_QUERIES
    small = page_queries(APIClient(), f"{URL}?page_size=5&since={cursor}", at_most=at_most)
    large = page_queries(APIClient(), f"{URL}?page_size=50&since={cursor}", at_most=at_most)
    assert small == large
