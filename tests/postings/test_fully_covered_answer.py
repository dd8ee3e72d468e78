""" "Done: fully covered" takes a posting out of matching, so it is asked once more; for 14
days the municipality can take the answer back, with a reason kept in the history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from postings import selectors
from postings.models import Posting, PostingChange
from tests.api.clients import token_client
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db
Status = Posting.Status


def _done(client, need, **extra):
    data = {"answer": "done", **extra}
    return client.post(reverse("needs:confirm", args=[need.pk]), data)


@pytest.fixture
def closed(official_client, need):
    _done(official_client, need, confirmed="1")
    need.refresh_from_db()
    return need


def test_the_answer_asks_for_confirmation_before_closing(official_client, need):
    response = _done(official_client, need, next="/en/dashboard/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Yes, it is fully covered" in page
    assert 'name="confirmed" value="1"' in page
    assert 'name="next" value="/en/dashboard/"' in page
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED


def test_once_confirmed_the_posting_is_fulfilled(closed):
    assert closed.status == Status.FULFILLED


def test_the_posting_page_offers_to_reopen_it(official_client, closed):
    page = official_client.get(closed.get_absolute_url()).content.decode()
    assert f'href="{closed.get_absolute_url()}reopen/"' in page


def test_reopening_with_a_reason_opens_it_again_and_keeps_the_reason(
    official_client, official, closed
):
    response = official_client.post(
        f"{closed.get_absolute_url()}reopen/", {"reason": "The second truck never came."}
    )

    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.status == Status.PUBLISHED
    assert closed.closed_at is None
    entry = selectors.posting_history(closed).first()
    assert entry.action == PostingChange.Action.REOPENED
    assert entry.note == "The second truck never came."
    assert entry.user == official


def test_reopening_without_a_reason_is_refused_with_a_form_error(official_client, closed):
    response = official_client.post(f"{closed.get_absolute_url()}reopen/", {"reason": "  "})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    closed.refresh_from_db()
    assert closed.status == Status.FULFILLED


def test_after_14_days_the_answer_stands(official_client, closed):
    Posting_ = type(closed)
    Posting_.objects.filter(pk=closed.pk).update(closed_at=timezone.now() - timedelta(days=15))

    page = official_client.get(closed.get_absolute_url()).content.decode()
    response = official_client.post(f"{closed.get_absolute_url()}reopen/", {"reason": "Late."})

    assert "reopen/" not in page
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.status == Status.FULFILLED


def test_another_municipality_cannot_reopen_it(outsider_client, closed):
    response = outsider_client.post(f"{closed.get_absolute_url()}reopen/", {"reason": "Mine."})

    assert response.status_code == 403
    closed.refresh_from_db()
    assert closed.status == Status.FULFILLED


def test_a_need_whose_quantity_was_delivered_is_corrected_on_its_match_instead(
    official_client, municipality, official
):
    delivered = NeedFactory(
        municipality=municipality,
        contact=official,
        quantity=5,
        quantity_covered=5,
        status=Status.FULFILLED,
        closed_at=timezone.now(),
    )

    page = official_client.get(delivered.get_absolute_url()).content.decode()

    assert "reopen/" not in page


def test_an_api_client_reopens_it_with_a_reason(official, closed):
    url = f"/api/v1/needs/{closed.uuid}/reopen/"
    refused = token_client(official).post(url, {}, format="json")
    reopened = token_client(official).post(url, {"reason": "Only half came."}, format="json")

    assert refused.status_code == 400
    assert "reason" in str(refused.json())
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "published"
