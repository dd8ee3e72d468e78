"""The two-sided agreement and the correctable delivery through the API: the same services as
the page; a proposal the caller has not seen, or a stale revision, is 409 with the match as it
is now; the history-keeping corrections answer with the match."""

from decimal import Decimal

import pytest

from matching import services
from matching.models import Match
from tests.api.clients import token_client
from tests.factories import reload_match

pytestmark = pytest.mark.django_db
Status = Match.Status


def _url(match: Match, action: str) -> str:
    return f"/api/v1/matches/{match.uuid}/{action}/"


@pytest.fixture
def api(official):
    return token_client(official)


@pytest.fixture
def giver_api(giver):
    return token_client(giver)


@pytest.fixture
def proposed(match, official) -> Match:
    services.match_contact(user=official, match=match)
    services.match_agree(user=official, match=match, quantity=Decimal(12))
    return match


@pytest.fixture
def delivered(proposed, official, giver) -> Match:
    services.match_accept(user=giver, match=proposed)
    return services.match_deliver(user=official, match=proposed)


def test_another_quantity_against_an_unseen_proposal_is_409_with_the_match_now(giver_api, proposed):
    response = giver_api.post(_url(proposed, "agree"), {"quantity": 15})

    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "agreement_changed"
    assert "proposes 12 beds" in body["detail"]
    assert body["current"]["proposed_by"] == "need"
    assert body["current"]["proposed_quantity"] == 12
    assert response["ETag"] == giver_api.get(f"/api/v1/matches/{proposed.uuid}/")["ETag"]


def test_a_counter_proposal_with_the_revision_seen_replaces_the_proposal(giver_api, proposed):
    response = giver_api.post(_url(proposed, "agree"), {"quantity": 15, "revision": 1})

    assert response.status_code == 200
    assert response.json()["proposed_by"] == "offer"
    assert response.json()["proposed_quantity"] == 15


def test_accepting_with_a_stale_revision_is_409(giver_api, api, proposed):
    api.post(_url(proposed, "agree"), {"quantity": 10, "revision": 1})

    response = giver_api.post(_url(proposed, "accept"), {"revision": 1})

    assert response.status_code == 409
    assert response.json()["current"]["proposed_quantity"] == 10
    assert reload_match(proposed).status == Status.CONTACTED


def test_a_side_accepting_its_own_proposal_is_400(api, proposed):
    response = api.post(_url(proposed, "accept"), {})

    assert response.status_code == 400


def test_a_delivery_above_the_agreement_names_the_quantity(api, giver, proposed):
    services.match_accept(user=giver, match=proposed)

    response = api.post(_url(proposed, "deliver"), {"quantity": 13})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["quantity"]


def test_a_delivery_is_corrected_with_a_reason(api, delivered):
    missing = api.post(_url(delivered, "delivery-correction"), {"quantity": 10, "reason": ""})
    assert list(missing.json()["errors"]) == ["reason"]

    response = api.post(
        _url(delivered, "delivery-correction"), {"quantity": 10, "reason": "Two were broken"}
    )

    assert response.status_code == 200
    assert response.json()["delivered_quantity"] == 10
    assert reload_match(delivered).need.quantity_covered == Decimal(10)


def test_a_delivery_is_undone_by_the_city_in_need_only(api, giver_api, delivered):
    assert giver_api.post(_url(delivered, "delivery-undo"), {"reason": "No"}).status_code == 403

    response = api.post(_url(delivered, "delivery-undo"), {"reason": "Wrong match"})

    assert response.status_code == 200
    assert response.json()["status"] == "agreed"


def test_fully_covered_must_be_confirmed_and_can_be_undone(api, delivered):
    unconfirmed = api.post(_url(delivered, "fully-covered"), {"confirmed": False})
    assert list(unconfirmed.json()["errors"]) == ["confirmed"]

    response = api.post(_url(delivered, "fully-covered"), {"confirmed": True})
    assert response.status_code == 200
    assert response.json()["fully_covered_at"] is not None
    assert reload_match(delivered).need.status == "fulfilled"

    undone = api.post(_url(delivered, "fully-covered-undo"), {"reason": "Too early"})
    assert undone.json()["fully_covered_at"] is None
    assert reload_match(delivered).need.status == "partly_covered"
