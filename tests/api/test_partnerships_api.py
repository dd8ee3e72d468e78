"""Partnerships in the API: public, read-only, each with its members; a deleted one reaches
mirrors as a tombstone; a page costs the same number of queries however many rows it holds."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from partnerships.models import PartnershipMember
from partnerships.services import partnership_delete
from tests.api.clients import token_client
from tests.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/partnerships/"
# The feed's own (number the changes, find the latest number) and a page of partnerships with
# their members and the members' municipalities: as many for 5 rows as for 50.
QUERIES = 4
# Changes: number them, the oldest kept, the page of changes, the partnerships changed with
# their members and the members' municipalities.
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
            "started_on": "2023-05-01",
            "ended_on": None,
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
                },
            ],
            "updated_at": results[0]["updated_at"],
        }
    ]


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


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_partnerships_cannot_be_written(method, twinning, manager):
    client = token_client(manager)
    url = URL if method == "post" else f"{URL}{twinning.uuid}/"
    response = getattr(client, method)(url, {}, format="json")
    assert response.status_code == 405
    twinning.refresh_from_db()


def test_a_page_costs_the_same_queries_however_many_rows(page_queries):
    for _ in range(50):
        PartnershipFactory(members=[MunicipalityFactory() for _ in range(3)])
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
