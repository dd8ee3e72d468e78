"""The sync contract (core/api/description.md), on needs: full sync in pages, then exactly the
changes since, tombstones, nothing lost to a late commit, 410 past the retention window."""

from datetime import timedelta

import psycopg
import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from core.api.feed import purge_old_changes, stamp
from core.models import Change, ChangeHorizon
from municipalities import services as municipality_services
from municipalities.models import Membership
from postings.models import Posting
from postings.services import lifecycle, moderation
from tests.api.clients import token_client
from tests.factories import NeedFactory, StaffFactory

pytestmark = pytest.mark.django_db

NEEDS = "/api/v1/needs/"
# The start of a full sync: the token, numbering and the latest number (one statement), the
# rows with their translations and their municipality's uuid (one statement).
NEEDS_PAGE_QUERIES = 3
# A page of changes: numbering, the purge horizon, the changes, the changed rows.
CHANGES_PAGE_QUERIES = 4


def _sync(client, cursor: str | None = None, page_size: int = 50) -> tuple[list[dict], str]:
    """Every page from `cursor` on (a full sync without one): the items and the last cursor."""
    items = []
    while True:
        params = {"page_size": page_size, **({"since": cursor} if cursor else {})}
        page = client.get(NEEDS, params).json()
        items += page["results"]
        cursor = page["cursor"]
        if not page["more"]:
            return items, cursor


def _ids(items: list[dict]) -> set[str]:
    return {item["id"] for item in items if not item.get("deleted")}


def _tombstones(items: list[dict]) -> dict[str, str]:
    return {item["id"]: item["reason"] for item in items if item.get("deleted")}


def test_a_full_sync_in_pages_gets_everything_public_then_nothing_more(municipality):
    needs = NeedFactory.create_batch(7, municipality=municipality)
    NeedFactory(municipality=municipality, status=Posting.Status.DRAFT, published_at=None)
    items, cursor = _sync(APIClient(), page_size=3)
    assert _ids(items) == {str(need.uuid) for need in needs}
    assert len(items) == 7
    empty = APIClient().get(NEEDS, {"since": cursor}).json()
    assert empty == {"results": [], "cursor": cursor, "more": False}


def test_an_incremental_call_returns_exactly_what_changed(
    municipality, official, staff, django_capture_on_commit_callbacks
):
    kept, edited, withdrawn, hidden = NeedFactory.create_batch(4, municipality=municipality)
    _items, cursor = _sync(APIClient())
    created = lifecycle.posting_create(
        user=official,
        model=type(kept),
        municipality=municipality,
        publish=True,
        original_language="en",
        title_en="Generators",
        description_en="Two diesel generators.",
        sector=kept.sector,
        help_kind=kept.help_kind,
    )
    lifecycle.posting_update(user=official, posting=edited, quantity=5)
    lifecycle.posting_withdraw(user=official, posting=withdrawn)
    moderation.posting_hide(admin=staff, posting=hidden, reason="Spam.")
    NeedFactory(municipality=municipality, status=Posting.Status.DRAFT, published_at=None)

    items, _cursor = _sync(APIClient(), cursor)
    assert _ids(items) == {str(created.uuid), str(edited.uuid)}
    assert _tombstones(items) == {str(withdrawn.uuid): "withdrawn", str(hidden.uuid): "hidden"}
    assert next(item for item in items if item["id"] == str(edited.uuid))["quantity"] == 5
    assert set(items[-1]) == {"id", "deleted", "reason"}  # tombstones carry nothing else


def test_a_need_changed_during_a_full_sync_comes_again_afterwards(municipality, official):
    first, second = NeedFactory.create_batch(2, municipality=municipality)
    page = APIClient().get(NEEDS, {"page_size": 1}).json()
    lifecycle.posting_update(user=official, posting=first, quantity=7)
    items, cursor = _sync(APIClient(), page["cursor"], page_size=1)
    assert _ids(items) == {str(second.uuid)}
    changes, _cursor = _sync(APIClient(), cursor)
    assert [item["quantity"] for item in changes] == [7]


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_after_the_cursor_was_handed_out_is_still_delivered(municipality):
    need = NeedFactory(municipality=municipality)
    _items, cursor = _sync(APIClient())
    late = psycopg.connect(**connection.get_connection_params())
    try:
        # A transaction that changes the need and commits only after the client has read:
        # its change is older than anything the client sees next, by time.
        late.execute(
            "UPDATE needs_need SET quantity = 99, updated_at = now() WHERE id = %s", [need.pk]
        )
        nothing, cursor = _sync(APIClient(), cursor)
        assert nothing == []
        NeedFactory(municipality=municipality)  # committed meanwhile, seen meanwhile
        _meanwhile, cursor = _sync(APIClient(), cursor)
        late.commit()
    finally:
        late.close()
    items, _cursor = _sync(APIClient(), cursor)
    assert [(item["id"], item["quantity"]) for item in items] == [(str(need.uuid), 99)]


def test_a_draft_of_another_municipality_never_reaches_an_outsider(
    municipality, official, outsider
):
    _items, cursor = _sync(token_client(outsider))
    draft = NeedFactory(municipality=municipality, status=Posting.Status.DRAFT, published_at=None)
    lifecycle.posting_update(user=official, posting=draft, quantity=3)
    items, _cursor = _sync(token_client(outsider), cursor)
    assert items == []
    member_items, _cursor = _sync(token_client(official), cursor)
    assert _ids(member_items) == {str(draft.uuid)}


def test_leaving_the_municipality_turns_its_drafts_into_tombstones(municipality, manager, official):
    draft = NeedFactory(municipality=municipality, status=Posting.Status.DRAFT, published_at=None)
    public = NeedFactory(municipality=municipality)
    client = token_client(official)
    _items, cursor = _sync(client)
    membership = Membership.objects.get(user=official, municipality=municipality)
    municipality_services.membership_remove(manager=manager, membership=membership)
    items, _cursor = _sync(client, cursor)
    assert _tombstones(items) == {str(draft.uuid): "access_lost"}
    assert _ids(items) == {str(public.uuid)}  # still public: comes again, harmlessly


def test_a_cursor_older_than_the_retention_window_answers_410(municipality):
    NeedFactory(municipality=municipality)
    _items, cursor = _sync(APIClient())
    NeedFactory(municipality=municipality)
    stamp()  # someone else's read numbers the new change, which this client has not seen
    Change.objects.update(created_at=timezone.now() - timedelta(days=91))
    assert purge_old_changes() >= 2
    assert ChangeHorizon.objects.get().purged_through > 0
    response = APIClient().get(NEEDS, {"since": cursor})
    assert response.status_code == 410
    assert response.json()["code"] == "cursor_expired"
    fresh, _cursor = _sync(APIClient())
    assert len(fresh) == 2


@pytest.mark.parametrize("cursor", ["", "garbage", "W10:1abc:forged"])
def test_a_cursor_not_handed_out_is_a_400(cursor):
    response = APIClient().get(NEEDS, {"since": cursor or "x"})
    assert response.status_code == 400
    assert "since" in response.json()["errors"]


def test_a_needs_cursor_is_no_offers_cursor(municipality):
    _items, cursor = _sync(APIClient())
    response = APIClient().get("/api/v1/offers/", {"since": cursor})
    assert response.status_code == 400


@pytest.mark.django_db(transaction=True)  # as in production: no test transaction's savepoints
def test_an_empty_incremental_call_is_a_few_cheap_queries(
    municipality, django_assert_max_num_queries
):
    NeedFactory.create_batch(3, municipality=municipality)
    _items, cursor = _sync(APIClient())
    # Numbering what became visible, the purge horizon, the changes: index probes all three.
    with django_assert_max_num_queries(3):
        assert APIClient().get(NEEDS, {"since": cursor}).json()["results"] == []


@pytest.mark.parametrize("page_size", [5, 50])
def test_a_page_takes_the_same_queries_whatever_its_size(
    municipality, page_queries, page_size, official
):
    NeedFactory.create_batch(60, municipality=municipality, contact=official)
    staff = token_client(StaffFactory())
    assert (
        page_queries(staff, f"{NEEDS}?page_size={page_size}", at_most=NEEDS_PAGE_QUERIES)
        == NEEDS_PAGE_QUERIES
    )


@pytest.mark.parametrize("page_size", [5, 50])
def test_a_page_of_changes_takes_the_same_queries_whatever_its_size(
    municipality, page_queries, page_size, official
):
    needs = NeedFactory.create_batch(60, municipality=municipality)
    _items, cursor = _sync(APIClient())
    for need in needs:
        lifecycle.posting_update(user=official, posting=need, quantity=need.quantity + 1)
    lifecycle.posting_withdraw(user=official, posting=needs[0])
    url = f"{NEEDS}?page_size={page_size}&since={cursor}"
    assert page_queries(APIClient(), url, at_most=CHANGES_PAGE_QUERIES) == CHANGES_PAGE_QUERIES
