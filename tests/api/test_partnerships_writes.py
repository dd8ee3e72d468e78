"""Writes on partnerships through the API, through the services the pages call: a manager
proposes, the other members' managers confirm or decline, managers edit and change the
status, with the API's idempotency, If-Match and error rules; who may do what."""

import pytest
from rest_framework.test import APIClient

from core.models import OutgoingEmail
from municipalities.models import Membership
from partnerships.models import Partnership, PartnershipMember
from tests.api.clients import token_client
from tests.factories import MembershipFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/partnerships/"
PERSONAS = ("manager", "official", "outsider", "pending_member", "anonymous", "staff")


@pytest.fixture
def proposal_body(municipality, offering) -> dict:
    return {
        "municipality": str(municipality.uuid),
        "partners": [str(offering.uuid)],
        "kind": "solidarity",
        "original_language": "uk",
        "title": {"uk": "Кам'янець-Подільський – Люблін"},
        "sectors": ["health"],
        "languages": ["uk", "pl"],
    }


def test_a_manager_proposes_and_the_partner_confirms(manager, giver, proposal_body, offering):
    response = token_client(manager).post(URL, proposal_body, format="json")
    assert response.status_code == 201
    body = response.json()
    assert response["Location"].endswith(f"{URL}{body['id']}/")
    assert (body["status"], body["kind"], body["sectors"]) == ("proposed", "solidarity", ["health"])
    assert body["title"]["uk"] == "Кам'янець-Подільський – Люблін"
    assert [member["confirmed"] for member in body["members"]] == [True, False]
    assert OutgoingEmail.objects.filter(to=giver.email).exists()

    confirmed = token_client(giver).post(f"{URL}{body['id']}/confirm/", {}, format="json")
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "active"
    assert confirmed["ETag"]


def test_a_proposal_is_made_once_for_one_idempotency_key(manager, proposal_body):
    client = token_client(manager)
    first = client.post(URL, proposal_body, format="json", HTTP_IDEMPOTENCY_KEY="propose-1")
    again = client.post(URL, proposal_body, format="json", HTTP_IDEMPOTENCY_KEY="propose-1")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Partnership.objects.count() == 1


def test_a_proposal_the_rules_refuse_is_a_400_naming_the_field(
    manager, proposal_body, pending_municipality
):
    proposal_body["partners"] = [str(pending_municipality.uuid)]
    response = token_client(manager).post(URL, proposal_body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "cannot take part before it is verified" in response.json()["errors"]["partners"][0]


def test_an_unknown_field_is_refused(manager, proposal_body):
    response = token_client(manager).post(URL, {**proposal_body, "colour": "blue"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"colour": ["This field is not known."]}


def test_a_member_declines_and_the_proposal_ends(manager, giver, proposal_body):
    created = token_client(manager).post(URL, proposal_body, format="json").json()
    response = token_client(giver).post(f"{URL}{created['id']}/decline/", {}, format="json")
    assert response.json()["status"] == "declined"
    again = token_client(giver).post(f"{URL}{created['id']}/confirm/", {}, format="json")
    assert again.status_code == 400


@pytest.fixture
def partnership(municipality, offering):
    return PartnershipFactory(members=[municipality, offering])


def test_an_edit_with_an_old_etag_is_refused(manager, partnership):
    client = token_client(manager)
    url = f"{URL}{partnership.uuid}/"
    etag = client.get(url)["ETag"]
    first = client.patch(url, {"kind": "friendship"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    assert first.json()["kind"] == "friendship"
    stale = client.patch(url, {"kind": "network"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["code"] == "precondition_failed"
    partnership.refresh_from_db()
    assert partnership.kind == "friendship"


def test_the_status_moves_as_the_rules_allow(manager, partnership):
    client = token_client(manager)
    url = f"{URL}{partnership.uuid}/status/"
    assert client.post(url, {"status": "suspended"}, format="json").json()["status"] == "suspended"
    ended = client.post(url, {"status": "ended", "on": "2025-12-31"}, format="json").json()
    assert (ended["status"], ended["ended_on"]) == ("ended", "2025-12-31")
    refused = client.post(url, {"status": "active"}, format="json")
    assert refused.status_code == 400
    assert "cannot become active" in refused.json()["errors"]["non_field_errors"][0]


@pytest.fixture
def pending_member(pending_municipality, partnership):
    PartnershipMember.objects.create(partnership=partnership, municipality=pending_municipality)
    return MembershipFactory(municipality=pending_municipality, role=Membership.Role.MANAGER).user


@pytest.fixture
def client_of(manager, official, outsider, pending_member, staff):
    users = {
        "manager": manager,
        "official": official,
        "outsider": outsider,
        "pending_member": pending_member,
        "staff": staff,
    }
    return lambda persona: APIClient() if persona == "anonymous" else token_client(users[persona])


def _writes(partnership: Partnership, offering) -> dict:
    """(method, url, body) of each write, for the permission table."""
    return {
        "edit": ("patch", f"{URL}{partnership.uuid}/", {"kind": "network"}),
        "status": ("post", f"{URL}{partnership.uuid}/status/", {"status": "suspended"}),
        "activity": (
            "post",
            "/api/v1/partnership-activities/",
            {
                "partnership": str(partnership.uuid),
                "original_language": "en",
                "title": {"en": "Training of rescuers"},
            },
        ),
        "event": (
            "post",
            "/api/v1/partnership-events/",
            {
                "partnership": str(partnership.uuid),
                "original_language": "en",
                "topic": {"en": "Visit of the mayors"},
                "held_on": "2025-06-01",
                "place": "Lublin",
                "participants": [str(offering.uuid)],
            },
        ),
    }


# Per write, the status each persona gets, in the order of PERSONAS.
EXPECTED = {
    "edit": (200, 403, 403, 403, 401, 200),
    "status": (200, 403, 403, 403, 401, 200),
    "activity": (201, 403, 403, 403, 401, 201),
    "event": (201, 201, 403, 403, 401, 201),
}


@pytest.mark.parametrize(
    ("write", "persona", "status"),
    [
        pytest.param(write, persona, statuses[index], id=f"{write}-{persona}")
        for write, statuses in EXPECTED.items()
        for index, persona in enumerate(PERSONAS)
    ],
)
def test_who_may_write(client_of, partnership, offering, write, persona, status):
    method, url, body = _writes(partnership, offering)[write]
    response = getattr(client_of(persona), method)(url, body, format="json")
    assert response.status_code == status, response.content


def test_a_proposal_one_may_not_see_is_a_404(outsider, manager, proposal_body):
    created = token_client(manager).post(URL, proposal_body, format="json").json()
    response = token_client(outsider).post(f"{URL}{created['id']}/confirm/", {}, format="json")
    assert response.status_code == 404
    activity = token_client(outsider).post(
        "/api/v1/partnership-activities/",
        {"partnership": created["id"], "original_language": "en", "title": {"en": "x"}},
        format="json",
    )
    assert activity.status_code == 400
    assert "partnership" in activity.json()["errors"]
