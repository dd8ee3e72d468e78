"""The change feeds of matches and messages: a full sync gives what the caller may read, an
incremental call exactly what changed since (a new match, an agreement, a dismissal, a new
message), an official who leaves a municipality or a municipality that loses its verification
turns its matches and messages into `access_lost` tombstones; a page costs the same number of
queries however many rows it holds."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from matching import services
from matching.models import Match
from municipalities.models import Membership, Municipality
from municipalities.services import membership_remove
from tests.api.clients import token_client
from tests.factories import MatchFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

MATCHES = "/api/v1/matches/"
MESSAGES = "/api/v1/messages/"
# With the token's use noted already (page_queries counts a second request): the token, the
# caller's municipalities, the feed's own (number the changes and read the latest number
# above the purge horizon, one statement), the page with both postings, their
# municipalities and the conversation, and the taxonomy's names for the reasons in words
# (three): as many for 5 rows as for 50.
MATCH_PAGE_QUERIES = 7
# From a cursor, with the token's use noted already: the token, the caller's municipalities,
# numbering, the changes after the cursor with the purge horizon (one query), the changed
# matches still in sight and the three taxonomy lists.
MATCH_CHANGES_QUERIES = 8
# The same before the page; then messages with their author and match, and their
# translations; no taxonomy.
MESSAGE_PAGE_QUERIES = 5
EVERY_REASON = [
    {"code": "same_topic", "topic": "medical-equipment"},
    {"code": "same_sector", "sector": "health"},
    {"code": "similar_text", "similarity": 0.71},
    {"code": "same_kind", "kind": "goods"},
    {"code": "compatible_kind"},
    {"code": "quantity", "covered": 20, "of": 20.0, "unit": "beds"},
    {"code": "shared_language"},
    {"code": "partners", "since": 2023},
    {"code": "distance", "km": 740},
    {"code": "same_country", "country": "UA"},
]


def _full_sync(client: APIClient, url: str = MATCHES) -> tuple[list[dict], str]:
    response = client.get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["more"] is False
    return body["results"], body["cursor"]


def _changes(client: APIClient, cursor: str, url: str = MATCHES) -> list[dict]:
    response = client.get(url, {"since": cursor})
    assert response.status_code == 200
    assert response.json()["more"] is False
    return response.json()["results"]


def _match_of(municipality: Municipality, offering: Municipality, **fields) -> Match:
    return MatchFactory(
        need=NeedFactory(municipality=municipality),
        offer=OfferFactory(municipality=offering),
        **fields,
    )


@pytest.fixture
def api(official):
    return token_client(official)


def test_a_match_reads_with_its_reasons_as_data_and_in_words(api, match):
    match.reasons = [
        {"code": "same_topic", "topic": "medical-equipment"},
        {"code": "partners", "since": 2023},
    ]
    match.save(update_fields=["reasons"])

    response = api.get(f"{MATCHES}{match.uuid}/", HTTP_ACCEPT_LANGUAGE="de")

    body = response.json()
    assert body == {
        "id": str(match.uuid),
        "need": str(match.need.uuid),
        "offer": str(match.offer.uuid),
        "score": 0.8,
        "reasons": match.reasons,
        "reason_texts": ["gleiches Thema: Medizintechnik", "Partnerstädte seit 2023"],
        "status": "suggested",
        "dismissed_by": None,
        "dismissal_reason": None,
        "agreed_quantity": None,
        "delivered_quantity": None,
        "proposed_by": None,
        "proposed_quantity": None,
        "proposed_at": None,
        "revision": 0,
        "fully_covered_at": None,
        "has_conversation": False,
        "contacted_at": None,
        "agreed_at": None,
        "delivered_at": None,
        "dismissed_at": None,
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_the_reasons_in_words_follow_the_request_s_language(api, match):
    english = api.get(f"{MATCHES}{match.uuid}/")
    ukrainian = api.get(f"{MATCHES}{match.uuid}/", HTTP_ACCEPT_LANGUAGE="uk")

    assert english.json()["reason_texts"] == ["same topic: Medical equipment"]
    assert ukrainian.json()["reason_texts"] == ["та сама тема: Медичне обладнання"]
    assert english["ETag"] != ukrainian["ETag"]


def test_a_full_sync_gives_the_matches_of_either_side(
    api, match, municipality, offering, other_municipality
):
    theirs = _match_of(offering, municipality)
    _match_of(other_municipality, offering)  # neither side is the official's

    results, _cursor = _full_sync(api)

    assert [item["id"] for item in results] == [str(match.uuid), str(theirs.uuid)]


def test_an_incremental_call_returns_exactly_what_changed(
    api, match, official, giver, municipality, offering
):
    services.match_contact(user=official, match=match)
    untouched = _match_of(municipality, offering)
    dismissed = _match_of(municipality, offering)
    _results, matches_cursor = _full_sync(api)
    _results, messages_cursor = _full_sync(api, MESSAGES)

    new = _match_of(municipality, offering)
    services.match_agree(user=giver, match=match, quantity=Decimal(5))
    services.match_accept(user=official, match=match)
    services.match_dismiss(user=official, match=dismissed, side="need")
    message = services.message_post(user=giver, match=match, body="Next week?")

    changed = _changes(api, matches_cursor)
    assert [item["id"] for item in changed] == [str(new.uuid), str(match.uuid), str(dismissed.uuid)]
    assert str(untouched.uuid) not in [item["id"] for item in changed]
    assert changed[1]["status"] == "agreed"
    assert changed[1]["agreed_quantity"] == 5
    assert changed[2]["dismissed_by"] == "need"
    assert [item["id"] for item in _changes(api, messages_cursor, MESSAGES)] == [str(message.uuid)]


def test_nothing_changed_is_an_empty_page_with_the_same_cursor(api, match):
    _results, cursor = _full_sync(api)

    response = api.get(MATCHES, {"since": cursor})

    assert response.json() == {"results": [], "cursor": cursor, "more": False}


def test_another_city_s_new_match_is_not_in_the_feed(api, match, offering, other_municipality):
    _results, cursor = _full_sync(api)

    _match_of(other_municipality, offering)

    assert _changes(api, cursor) == []


def test_messages_come_oldest_first(api, match, official, giver):
    services.match_contact(user=official, match=match)
    first = services.message_post(user=official, match=match, body="Are they free?")
    second = services.message_post(user=giver, match=match, body="Yes.")

    results, _cursor = _full_sync(api, MESSAGES)

    assert [item["id"] for item in results] == [str(first.uuid), str(second.uuid)]


@pytest.fixture
def talked_about(match, official):
    """The match, with a conversation and a message in it."""
    services.match_contact(user=official, match=match)
    services.message_post(user=official, match=match, body="Are they free?")
    return match


def test_an_official_who_leaves_gets_tombstones_for_its_matches_and_messages(
    api, talked_about, official, manager, municipality
):
    _matches, matches_cursor = _full_sync(api)
    messages, messages_cursor = _full_sync(api, MESSAGES)
    assert len(messages) == 1

    membership_remove(manager=manager, membership=official.memberships.get())

    assert _changes(api, matches_cursor) == [
        {"id": str(talked_about.uuid), "deleted": True, "reason": "access_lost"}
    ]
    assert _changes(api, messages_cursor, MESSAGES) == [
        {"id": messages[0]["id"], "deleted": True, "reason": "access_lost"}
    ]
    assert api.get(f"{MATCHES}{talked_about.uuid}/").status_code == 404


def test_the_colleagues_who_stay_get_no_tombstone(talked_about, official, manager):
    colleague = token_client(manager)
    _matches, cursor = _full_sync(colleague)

    membership_remove(manager=manager, membership=official.memberships.get())

    assert _changes(colleague, cursor) == []


def test_a_municipality_that_loses_its_verification_takes_its_matches_from_its_members(
    api, talked_about, municipality, giver, staff
):
    giver_api = token_client(giver)
    _matches, cursor = _full_sync(api)
    _matches, giver_cursor = _full_sync(giver_api)

    municipality.status = Municipality.Status.PENDING
    municipality.save(update_fields=["status", "updated_at"])

    assert _changes(api, cursor) == [
        {"id": str(talked_about.uuid), "deleted": True, "reason": "access_lost"}
    ]
    # Nothing changed for the other city, which still reads the match.
    assert _changes(giver_api, giver_cursor) == []
    assert giver_api.get(f"{MATCHES}{talked_about.uuid}/").status_code == 200


def test_an_official_who_joins_gets_the_municipality_s_matches(
    talked_about, outsider, municipality
):
    newcomer = token_client(outsider)
    _matches, cursor = _full_sync(newcomer)

    Membership.objects.create(user=outsider, municipality=municipality)

    assert [item["id"] for item in _changes(newcomer, cursor)] == [str(talked_about.uuid)]


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_matches_costs_the_same_queries_however_many_rows(
    rows, page_queries, official, municipality, offering, other_municipality
):
    for number in range(rows):
        match = _match_of(
            municipality if number % 2 else other_municipality,
            offering if number % 2 else municipality,
            reasons=EVERY_REASON,
        )
        if number % 3 == 0:
            services.match_contact(user=official, match=match)

    queries = page_queries(
        token_client(official), f"{MATCHES}?page_size={rows}", at_most=MATCH_PAGE_QUERIES
    )

    assert queries == MATCH_PAGE_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_changed_matches_costs_the_same_queries_however_many_rows(
    rows, django_assert_max_num_queries, official, municipality, offering
):
    api = token_client(official)
    _results, cursor = _full_sync(api)
    for _ in range(rows):
        _match_of(municipality, offering, reasons=EVERY_REASON)

    with django_assert_max_num_queries(MATCH_CHANGES_QUERIES) as captured:
        response = api.get(MATCHES, {"since": cursor, "page_size": rows})

    assert len(response.json()["results"]) == rows
    assert len(captured.captured_queries) == MATCH_CHANGES_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_messages_costs_the_same_queries_however_many_rows(
    rows, page_queries, match, official, giver
):
    services.match_contact(user=official, match=match)
    for number in range(rows):
        services.message_post(user=official if number % 2 else giver, match=match, body="Hi")

    queries = page_queries(
        token_client(official), f"{MESSAGES}?page_size={rows}", at_most=MESSAGE_PAGE_QUERIES
    )

    assert queries == MESSAGE_PAGE_QUERIES
