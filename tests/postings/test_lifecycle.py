"""The life of a need or an offer: draft → published → partly covered → fulfilled / withdrawn,
with approval by a manager where the municipality wants it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from needs.models import Need
from offers.models import Offer
from postings import selectors
from postings.models import Posting, PostingChange
from postings.services.coverage import posting_adjust_coverage
from tests.factories import NeedFactory, OfferFactory, form_data

pytestmark = pytest.mark.django_db

Status = Posting.Status


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _draft(municipality, official, **kwargs) -> Need:
    return NeedFactory(
        municipality=municipality,
        contact=official,
        created_by=official,
        status=Status.DRAFT,
        published_at=None,
        last_confirmed_at=None,
        **kwargs,
    )


@pytest.fixture
def approval_required(municipality):
    municipality.approval_required = True
    municipality.save(update_fields=["approval_required"])
    return municipality


def test_an_official_saves_a_draft(official_client, municipality, official):
    response = official_client.post(
        reverse("needs:create"), form_data(municipality, official, action="draft")
    )

    need = Need.objects.get()
    assert response.url == need.get_absolute_url()
    assert need.status == Status.DRAFT
    assert need.published_at is None
    assert need.created_by == official
    assert not need.is_public
    assert _messages(response) == ["The posting is saved as a draft."]


def test_an_official_publishes_at_once(official_client, municipality, official):
    response = official_client.post(
        reverse("needs:create"), form_data(municipality, official, action="publish")
    )

    need = Need.objects.get()
    assert need.status == Status.PUBLISHED
    assert need.published_at is not None
    assert need.last_confirmed_at is not None
    assert need.is_public
    assert _messages(response) == ["The posting is published."]


def test_an_offer_is_created_the_same_way(official_client, municipality, official):
    official_client.post(
        reverse("offers:create"),
        form_data(municipality, official, action="publish", available_until="2030-01-01"),
    )

    offer = Offer.objects.get()
    assert offer.status == Status.PUBLISHED
    assert str(offer.available_until) == "2030-01-01"


def test_a_draft_is_published_later(official_client, municipality, official):
    draft = _draft(municipality, official)

    official_client.post(reverse("needs:publish", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_a_draft_is_edited_and_published_in_one_go(official_client, municipality, official):
    draft = _draft(municipality, official)

    official_client.post(
        reverse("needs:edit", args=[draft.pk]),
        form_data(municipality, official, title="Beds, 40 of them", action="publish"),
    )

    draft.refresh_from_db()
    assert draft.title_en == "Beds, 40 of them"
    assert draft.status == Status.PUBLISHED


def test_publishing_twice_is_a_message_not_an_error(official_client, need):
    response = official_client.post(reverse("needs:publish", args=[need.pk]))

    assert response.status_code == 302
    assert _messages(response) == ["Only a draft can be published."]


def test_where_managers_approve_an_officials_publish_waits(
    official_client, approval_required, official
):
    response = official_client.post(
        reverse("needs:create"), form_data(approval_required, official, action="publish")
    )

    need = Need.objects.get()
    assert need.status == Status.DRAFT
    assert need.submitted_at is not None
    assert list(selectors.awaiting_approval(Need.objects.all())) == [need]
    assert "waits for a manager" in _messages(response)[0]


def test_an_official_cannot_approve(official_client, approval_required, official):
    draft = _draft(approval_required, official, submitted_at=timezone.now())

    response = official_client.post(reverse("needs:approve", args=[draft.pk]))

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_manager_approves(manager_client, approval_required, official):
    draft = _draft(approval_required, official, submitted_at=timezone.now())

    response = manager_client.post(reverse("needs:approve", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.submitted_at is None
    assert response.url == draft.get_absolute_url()


def test_a_manager_cannot_approve_a_draft_nobody_submitted(
    manager_client, approval_required, official
):
    draft = _draft(approval_required, official)

    response = manager_client.post(reverse("needs:approve", args=[draft.pk]))

    assert _messages(response) == ["Only a draft waiting for approval can be approved."]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_manager_publishes_directly_even_where_approval_is_required(
    manager_client, approval_required, manager
):
    manager_client.post(
        reverse("needs:create"), form_data(approval_required, manager, action="publish")
    )

    assert Need.objects.get().status == Status.PUBLISHED


def test_withdrawing_asks_first(official_client, need):
    response = official_client.get(reverse("needs:withdraw", args=[need.pk]))

    assert response.status_code == 200
    assert "postings/confirm_withdraw.html" in [t.name for t in response.templates]
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED


def test_withdrawing_keeps_the_record(official_client, official, need):
    official_client.post(
        reverse("needs:withdraw", args=[need.pk]), {"reason": "Found a supplier at home."}
    )

    need.refresh_from_db()
    assert need.status == Status.WITHDRAWN
    assert need.closed_at is not None
    assert not need.is_public
    entry = selectors.posting_history(need).first()
    assert (entry.action, entry.user, entry.note) == (
        PostingChange.Action.WITHDRAWN,
        official,
        "Found a supplier at home.",
    )


def test_a_closed_posting_cannot_be_edited(official_client, municipality, official):
    withdrawn = NeedFactory(municipality=municipality, status=Status.WITHDRAWN)

    response = official_client.get(reverse("needs:edit", args=[withdrawn.pk]))

    assert response.url == withdrawn.get_absolute_url()
    assert _messages(response) == ["A closed posting cannot be edited."]


def test_a_closed_posting_cannot_be_withdrawn_again(official_client, municipality):
    fulfilled = NeedFactory(municipality=municipality, status=Status.FULFILLED)

    response = official_client.post(reverse("needs:withdraw", args=[fulfilled.pk]))

    assert _messages(response) == ["This posting is already closed."]
    fulfilled.refresh_from_db()
    assert fulfilled.status == Status.FULFILLED


def test_still_current_resets_the_confirmation_date(official_client, need):
    long_ago = timezone.now() - timedelta(days=40)
    Need.objects.filter(pk=need.pk).update(last_confirmed_at=long_ago, reminder_sent_at=long_ago)

    response = official_client.post(
        reverse("needs:confirm", args=[need.pk]), {"answer": "still-current"}
    )

    need.refresh_from_db()
    assert need.status == Status.PUBLISHED
    assert need.last_confirmed_at > timezone.now() - timedelta(minutes=1)
    assert need.reminder_sent_at is None
    assert _messages(response) == ["Thank you: the posting is confirmed as still current."]


def test_partly_covered_is_recorded(official_client, need):
    official_client.post(reverse("needs:confirm", args=[need.pk]), {"answer": "partly-covered"})

    need.refresh_from_db()
    assert need.status == Status.PARTLY_COVERED
    assert need.is_public


def test_done_means_fulfilled(manager_client, need):
    manager_client.post(
        reverse("needs:confirm", args=[need.pk]), {"answer": "done", "confirmed": "1"}
    )

    need.refresh_from_db()
    assert need.status == Status.FULFILLED
    assert need.closed_at is not None


def test_an_unknown_answer_changes_nothing(official_client, need):
    response = official_client.post(reverse("needs:confirm", args=[need.pk]), {"answer": "maybe"})

    assert _messages(response) == ["Unknown answer."]
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED


def test_a_closed_posting_cannot_be_confirmed(official_client, municipality):
    withdrawn = NeedFactory(municipality=municipality, status=Status.WITHDRAWN)

    response = official_client.post(
        reverse("needs:confirm", args=[withdrawn.pk]), {"answer": "still-current"}
    )

    assert _messages(response) == ["This posting is no longer open."]
    withdrawn.refresh_from_db()
    assert withdrawn.status == Status.WITHDRAWN


def test_partial_coverage_makes_it_partly_covered(need, official):
    posting_adjust_coverage(posting=need, change=Decimal(5), user=official)

    need.refresh_from_db()
    assert need.status == Status.PARTLY_COVERED
    assert need.quantity_covered == 5
    assert need.quantity_open == 15


def test_full_coverage_makes_it_fulfilled(need, official):
    posting_adjust_coverage(posting=need, change=Decimal(5), user=official)
    posting_adjust_coverage(posting=need, change=Decimal(15), user=official)

    need.refresh_from_db()
    assert need.status == Status.FULFILLED
    assert need.closed_at is not None
    assert need.quantity_open == 0
    entry = selectors.posting_history(need).first()
    assert entry.changes == {
        "quantity_covered": ["5.00", "20.00"],
        "status": [Status.PARTLY_COVERED, Status.FULFILLED],
    }


def test_an_offer_follows_the_same_lifecycle(official_client, municipality, official):
    offer = OfferFactory(municipality=municipality, contact=official, created_by=official)

    official_client.post(
        reverse("offers:confirm", args=[offer.pk]), {"answer": "done", "confirmed": "1"}
    )

    offer.refresh_from_db()
    assert offer.status == Status.FULFILLED


def test_confirming_from_the_dashboard_returns_to_the_dashboard(official_client, municipality):
    need = NeedFactory(municipality=municipality)
    dashboard = f"/en/postings/municipality/{municipality.slug}/"
    response = official_client.post(
        f"/en/needs/{need.pk}/confirm/", {"answer": "still-current", "next": dashboard}
    )
    assert response.url == dashboard


def test_a_next_address_on_another_site_is_ignored(official_client, municipality):
    need = NeedFactory(municipality=municipality)
    response = official_client.post(
        f"/en/needs/{need.pk}/confirm/",
        {"answer": "still-current", "next": "https://evil.example/"},
    )
    assert response.url == need.get_absolute_url()


def test_locking_a_posting_leaves_its_municipality_unlocked(municipality):
    need = NeedFactory(municipality=municipality)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = need.locked()

    assert locked.municipality == municipality  # read with it, for the permission checks
    [statement] = [query["sql"] for query in queries.captured_queries]
    assert statement.endswith(f'FOR UPDATE OF "{Need._meta.db_table}"')
