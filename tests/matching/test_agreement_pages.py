"""The agreement on the match page: the other city sees the proposal and accepts it; a rejected
step is shown again at its form (what was typed kept); a stale page gets a conflict with the
agreement as it is now; the delivery is corrected or undone there, and the history shows it."""

from datetime import timedelta
from decimal import Decimal

import pytest

from matching import services
from matching.models import Match
from tests.factories import match_url, reload_match

pytestmark = pytest.mark.django_db
Status = Match.Status


@pytest.fixture
def proposed(match, official) -> Match:
    services.match_contact(user=official, match=match)
    services.match_agree(user=official, match=match, quantity=Decimal(12))
    return match


def test_the_other_city_sees_the_proposal_and_accepts_it(giver_client, proposed):
    page = giver_client.get(match_url(proposed)).content.decode()
    assert "Kamianets-Podilskyi proposes to agree on 12 beds" in page
    assert "Accept 12 beds" in page

    response = giver_client.post(match_url(proposed, "accept"), {"revision": "1"})

    assert response.status_code == 302
    assert response["Location"].endswith("#agreement")
    assert reload_match(proposed).status == Status.AGREED


def test_the_proposing_city_is_not_offered_to_accept(official_client, proposed):
    page = official_client.get(match_url(proposed)).content.decode()

    assert "Accept 12 beds" not in page
    assert 'id="agree-form"' in page


def test_a_stale_page_gets_a_conflict_and_keeps_what_was_typed(giver_client, proposed):
    response = giver_client.post(match_url(proposed, "agree"), {"quantity": "15", "revision": "0"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "The agreement has changed in the meantime." in page
    assert 'value="15"' in page
    assert reload_match(proposed).proposed_quantity == Decimal(12)


def test_a_delivery_is_corrected_on_the_page_and_the_history_shows_it(
    official_client, official, giver, proposed
):
    services.match_accept(user=giver, match=proposed)
    services.match_deliver(user=official, match=proposed)

    response = official_client.post(
        match_url(proposed, "delivery/correct"), {"quantity": "10", "reason": "Two were broken"}
    )

    assert response.status_code == 302
    page = official_client.get(match_url(proposed)).content.decode()
    assert "corrected the delivered quantity: 10 beds (before: 12 beds)" in page
    assert "Two were broken" in page


def test_a_correction_without_a_reason_is_shown_again_at_its_form(
    official_client, official, giver, proposed
):
    services.match_accept(user=giver, match=proposed)
    services.match_deliver(user=official, match=proposed)

    response = official_client.post(
        match_url(proposed, "delivery/correct"), {"quantity": "10", "reason": ""}
    )

    assert response.status_code == 400
    assert "Please give a reason." in response.content.decode()
    assert reload_match(proposed).delivered_quantity == Decimal(12)


def test_fully_covered_is_not_closed_without_the_tick(official_client, official, giver, proposed):
    services.match_accept(user=giver, match=proposed)
    services.match_deliver(user=official, match=proposed, quantity=Decimal(5))

    refused = official_client.post(match_url(proposed, "fully-covered"), {})
    assert refused.status_code == 400
    assert reload_match(proposed).need.status == "partly_covered"

    official_client.post(match_url(proposed, "fully-covered"), {"confirmed": "on"})
    assert reload_match(proposed).need.status == "fulfilled"


def test_a_match_delivered_before_its_history_was_kept_still_offers_to_close_the_need(
    official_client, match
):
    # Delivered long ago, before match events were recorded: no history, nothing to correct.
    Match.objects.filter(pk=match.pk).update(
        status=Status.DELIVERED,
        delivered_at=match.created_at - timedelta(days=365),
        agreed_quantity=Decimal(5),
    )

    page = official_client.get(match_url(match)).content.decode()

    assert 'id="fully-covered-form"' in page
