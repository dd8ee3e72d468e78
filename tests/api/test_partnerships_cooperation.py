"""Activities and events of partnerships in the API: change feeds that follow the visibility
of their partnership, writes through the services; and the signed agreement as a PDF, for the
members' officials and staff."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from matching import services as matching
from partnerships import services
from tests.api.clients import token_client
from tests.factories import MunicipalityFactory, PartnershipFactory
from tests.partnerships.conftest import PDF
from tests.partnerships.factories import ActivityFactory, EventFactory

pytestmark = pytest.mark.django_db

ACTIVITIES = "/api/v1/partnership-activities/"
EVENTS = "/api/v1/partnership-events/"
# The feed's own three (number the changes, the latest number, the oldest kept), the page
# (activities with their sector joined, events), and the activities' matches or the events'
# participants: as many for 5 rows as for 50.
QUERIES = 5


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _ids(client: APIClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["results"]]


def test_the_activities_of_a_proposal_become_public_when_it_is_confirmed(
    manager, giver, municipality, offering, official
):
    proposal = services.partnership_propose(
        user=manager, municipality=municipality, partners=[offering], kind="twinning"
    )
    activity = services.activity_add(
        user=manager, partnership=proposal, original_language="en", title_en="Beds"
    )
    anonymous = APIClient()
    assert _ids(anonymous, ACTIVITIES) == []
    assert _ids(token_client(official), ACTIVITIES) == [str(activity.uuid)]
    cursor = anonymous.get(ACTIVITIES).json()["cursor"]
    services.partnership_confirm(user=giver, partnership=proposal)
    changes = anonymous.get(ACTIVITIES, {"since": cursor}).json()["results"]
    assert [item["id"] for item in changes] == [str(activity.uuid)]


def test_an_activity_recorded_from_a_match_names_it(manager, giver, official, match):
    matching.match_contact(user=giver, match=match)
    matching.match_agree(user=giver, match=match, quantity=Decimal(5))
    matching.match_accept(user=official, match=match)
    activity = services.activity_from_match(user=manager, match=match)
    item = token_client(official).get(f"{ACTIVITIES}{activity.uuid}/").json()
    assert item["matches"] == [str(match.uuid)]
    assert item["partnership"] == str(activity.partnership.uuid)
    assert item["status"] == "running"
    assert item["sector"] == match.need.sector.slug


def test_a_manager_changes_an_activity(manager, municipality, offering):
    activity = ActivityFactory(partnership=PartnershipFactory(members=[municipality, offering]))
    client = token_client(manager)
    response = client.patch(
        f"{ACTIVITIES}{activity.uuid}/",
        {"status": "completed", "outcome": {"en": "20 beds", "uk": "20 ліжок"}},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "completed"
    assert body["outcome"]["uk"] == "20 ліжок"


def test_an_official_records_an_event_and_changes_it(official, municipality, offering):
    partnership = PartnershipFactory(members=[municipality, offering])
    guest = MunicipalityFactory()
    client = token_client(official)
    created = client.post(
        EVENTS,
        {
            "partnership": str(partnership.uuid),
            "kind": "online",
            "original_language": "uk",
            "topic": {"uk": "Онлайн-зустріч мерів"},
            "held_on": "2025-04-01",
            "link": "https://meet.example.org/mayors",
            "participants": [str(municipality.uuid), str(guest.uuid)],
        },
        format="json",
    )
    assert created.status_code == 201
    event = created.json()
    assert set(event["participants"]) == {str(municipality.uuid), str(guest.uuid)}
    changed = client.patch(f"{EVENTS}{event['id']}/", {"place": "Lublin"}, format="json")
    assert changed.json()["place"] == "Lublin"


def test_an_event_without_place_or_link_is_a_400(official, municipality, offering):
    partnership = PartnershipFactory(members=[municipality, offering])
    response = token_client(official).post(
        EVENTS,
        {
            "partnership": str(partnership.uuid),
            "original_language": "en",
            "topic": {"en": "Mayors"},
            "held_on": "2025-04-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Say where it takes place" in str(response.json()["errors"])


@pytest.mark.parametrize(
    ("url", "factory"), [(ACTIVITIES, ActivityFactory), (EVENTS, EventFactory)]
)
def test_a_page_costs_the_same_queries_however_many_rows(page_queries, url, factory):
    for _ in range(50):
        factory(partnership=PartnershipFactory())
    for event in EventFactory._meta.model.objects.all():
        event.participants.set(MunicipalityFactory.create_batch(2))
    small = page_queries(APIClient(), f"{url}?page_size=5", at_most=QUERIES)
    large = page_queries(APIClient(), f"{url}?page_size=50", at_most=QUERIES)
    assert small == large


AGREEMENT = "/api/v1/partnerships/{}/agreement/"


def test_the_agreement_goes_up_and_down_as_a_pdf(
    manager, official, outsider, municipality, offering
):
    partnership = PartnershipFactory(members=[municipality, offering])
    url = AGREEMENT.format(partnership.uuid)
    stored = token_client(manager).put(url, PDF, content_type="application/pdf")
    assert stored.status_code == 200
    assert stored.json()["has_agreement"] is True
    download = token_client(official).get(url, HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    assert token_client(outsider).get(url).status_code == 404
    assert APIClient().get(url).status_code == 404
    removed = token_client(manager).delete(url)
    assert removed.json()["has_agreement"] is False
    assert token_client(official).get(url).status_code == 404


def test_an_agreement_that_is_no_pdf_is_a_400(manager, municipality, offering):
    partnership = PartnershipFactory(members=[municipality, offering])
    response = token_client(manager).put(
        AGREEMENT.format(partnership.uuid), b"just text", content_type="application/pdf"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "not a PDF" in str(response.json()["errors"])


def test_an_error_asked_for_as_a_pdf_is_still_a_problem_in_json(official, municipality, offering):
    partnership = PartnershipFactory(members=[municipality, offering])
    response = token_client(official).get(
        AGREEMENT.format(partnership.uuid), HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
