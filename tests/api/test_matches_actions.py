"""The actions on a match through the API behave as on its page, because they call the same
services: contact (with a first message), agree and accept, deliver, dismiss; the rules'
refusals come back as 400 naming the field, a stale If-Match as 412 with nothing changed."""

from decimal import Decimal

import pytest
from django.core import mail

from matching import services
from matching.models import Conversation, Match, Message
from postings.models import Posting
from tests.api.clients import token_client
from tests.factories import reload_match

pytestmark = pytest.mark.django_db

Status = Match.Status


def _url(match: Match, action: str = "") -> str:
    return f"/api/v1/matches/{match.uuid}/{action + '/' if action else ''}"


@pytest.fixture
def api(official):
    """The need's official (the need asks for 20 beds)."""
    return token_client(official)


@pytest.fixture
def giver_api(giver):
    return token_client(giver)


@pytest.fixture
def contacted(match, official) -> Match:
    services.match_contact(user=official, match=match)
    return match


@pytest.fixture
def agreed(contacted, official, giver) -> Match:
    services.match_agree(user=official, match=contacted, quantity=Decimal(8))
    return services.match_accept(user=giver, match=contacted)


def test_contact_opens_the_conversation_with_a_first_message(
    api, match, official, giver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(_url(match, "contact"), {"body": "Are the beds still free?"})

    assert response.status_code == 200
    assert response.json()["status"] == "contacted"
    assert response.json()["has_conversation"] is True
    assert response.json()["contacted_at"] is not None
    assert Conversation.objects.get(match=match).started_by == official
    assert Message.objects.get().body == "Are the beds still free?"
    assert [email.to for email in mail.outbox] == [[giver.email]]


def test_contact_without_a_body_posts_no_message(api, match):
    response = api.post(_url(match, "contact"))

    assert response.status_code == 200
    assert reload_match(match).status == Status.CONTACTED
    assert not Message.objects.exists()


def test_contact_on_a_dismissed_match_is_refused(api, match, official):
    services.match_dismiss(user=official, match=match, side="need")

    response = api.post(_url(match, "contact"), {})

    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["This match is no longer open."]}


def test_agree_proposes_and_the_other_side_accepts(giver_api, api, contacted):
    response = giver_api.post(_url(contacted, "agree"), {"quantity": 12.5})

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "contacted"
    assert body["proposed_by"] == "offer"
    assert body["proposed_quantity"] == 12.5

    response = api.post(_url(contacted, "accept"), {"revision": body["revision"]})

    body = response.json()
    assert body["status"] == "agreed"
    assert body["agreed_quantity"] == 12.5
    assert body["agreed_at"] is not None
    assert body["proposed_by"] is None
    assert reload_match(contacted).agreed_quantity == Decimal("12.50")


def test_agree_with_more_than_the_need_lacks_names_the_quantity(api, contacted):
    response = api.post(_url(contacted, "agree"), {"quantity": 21})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["quantity"]
    assert reload_match(contacted).status == Status.CONTACTED


@pytest.mark.parametrize("quantity", [None, 0, -1, "many", True, [1], {"value": 1}])
def test_agree_needs_a_positive_number(api, contacted, quantity):
    response = api.post(_url(contacted, "agree"), {"quantity": quantity})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["quantity"]


@pytest.mark.parametrize("body", ['{"quantity": NaN}', '{"quantity": 1e309}', "[1]", '"agree"'])
def test_agree_refuses_what_is_not_a_json_object_of_numbers(api, contacted, body):
    response = api.generic("POST", _url(contacted, "agree"), body, "application/json")

    assert response.status_code == 400
    assert reload_match(contacted).status == Status.CONTACTED


def test_agree_before_contact_is_refused(api, match):
    response = api.post(_url(match, "agree"), {"quantity": 5})

    assert response.status_code == 400
    assert reload_match(match).status == Status.SUGGESTED


def test_deliver_counts_towards_the_need(api, agreed):
    response = api.post(_url(agreed, "deliver"), {})

    assert response.status_code == 200
    assert response.json()["status"] == "delivered"
    assert response.json()["delivered_quantity"] == 8
    need = reload_match(agreed).need
    assert need.quantity_covered == Decimal(8)
    assert need.status == Posting.Status.PARTLY_COVERED


def test_deliver_is_refused_to_the_offering_city(giver_api, agreed):
    response = giver_api.post(_url(agreed, "deliver"), {"quantity": 8})

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert reload_match(agreed).status == Status.AGREED


def test_deliver_before_agreement_is_refused(api, contacted):
    response = api.post(_url(contacted, "deliver"), {"quantity": 8})

    assert response.status_code == 400
    assert reload_match(contacted).status == Status.CONTACTED


def test_dismiss_records_the_side(giver_api, match):
    response = giver_api.post(_url(match, "dismiss"), {"side": "offer"})

    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert response.json()["dismissed_by"] == "offer"
    assert response.json()["dismissed_at"] is not None


def test_dismissing_twice_is_refused(api, match):
    first = api.post(_url(match, "dismiss"), {"side": "need"})
    second = api.post(_url(match, "dismiss"), {"side": "need"})

    assert first.status_code == 200
    assert second.status_code == 400
    assert second.json()["errors"] == {"non_field_errors": ["This match is no longer open."]}


@pytest.mark.parametrize("side", ["both", "", None])
def test_dismiss_names_an_unknown_side(api, match, side):
    response = api.post(_url(match, "dismiss"), {"side": side})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["side"]


def test_an_action_answers_with_the_etag_a_read_gives(api, contacted):
    acted = api.post(_url(contacted, "agree"), {"quantity": 5})
    read = api.get(_url(contacted))

    assert acted["ETag"] == read["ETag"]
    assert acted.json() == read.json()


def test_a_stale_if_match_is_412_and_changes_nothing(api, giver_api, contacted):
    etag = api.get(_url(contacted))["ETag"]
    giver_api.post(_url(contacted, "agree"), {"quantity": 5})

    response = api.post(_url(contacted, "agree"), {"quantity": 7}, HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    assert response["ETag"] == api.get(_url(contacted))["ETag"]
    assert reload_match(contacted).proposed_quantity == Decimal(5)


@pytest.mark.parametrize("action", ["contact", "dismiss", "messages"])
def test_a_stale_if_match_guards_every_action(api, giver_api, contacted, action):
    etag = api.get(_url(contacted))["ETag"]
    giver_api.post(_url(contacted, "agree"), {"quantity": 5})
    before = api.get(_url(contacted)).json()
    body = {"contact": {}, "dismiss": {"side": "need"}, "messages": {"body": "Hi"}}[action]

    response = api.post(_url(contacted, action), body, HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert api.get(_url(contacted)).json() == before
    assert not Message.objects.exists()


def test_a_current_if_match_lets_the_action_through(api, contacted):
    etag = api.get(_url(contacted))["ETag"]

    response = api.post(_url(contacted, "agree"), {"quantity": 5}, HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_an_action_retried_with_its_idempotency_key_acts_once(api, contacted):
    first = api.post(_url(contacted, "agree"), {"quantity": 5}, HTTP_IDEMPOTENCY_KEY="agree-1")
    services.match_agree(user=contacted.need.contact, match=contacted, quantity=Decimal(6))
    retry = api.post(_url(contacted, "agree"), {"quantity": 5}, HTTP_IDEMPOTENCY_KEY="agree-1")

    assert retry.status_code == first.status_code == 200
    assert retry["Idempotent-Replayed"] == "true"
    assert retry["ETag"] == first["ETag"]
    assert retry.json() == first.json()
    assert reload_match(contacted).proposed_quantity == Decimal(6)
