"""A delivery stays true to what was agreed: never more than agreed, more than the need lacks only
when confirmed; it covers the need and is taken from the offer, which is fulfilled (and no longer
matched) when nothing is left; for 14 days the city in need may correct or undo it, or its
"fully covered" answer (asked to confirm first), with a reason kept in the history."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from matching import services
from matching.engine.pipeline import match_posting
from matching.models import Match
from matching.models.match import MatchEvent
from offers.models import Offer
from postings.models import Posting
from postings.selectors import matchable
from tests.factories import MatchFactory, NeedFactory, reload_match

pytestmark = pytest.mark.django_db
Status = Match.Status
Open = Posting.Status


@pytest.fixture
def agreed(match, official, giver) -> Match:
    """20 beds needed, 20 offered; 12 agreed."""
    services.match_contact(user=official, match=match)
    services.match_agree(user=official, match=match, quantity=Decimal(12))
    return services.match_accept(user=giver, match=match)


def _delivered(agreed: Match, official, quantity=Decimal(12)) -> Match:
    return services.match_deliver(user=official, match=agreed, quantity=quantity)


def test_a_delivery_never_exceeds_what_was_agreed(agreed, official):
    with pytest.raises(ValidationError) as raised:
        _delivered(agreed, official, Decimal(13))

    assert "At most the agreed 12 beds" in raised.value.message_dict["quantity"][0]
    assert reload_match(agreed).status == Status.AGREED


def test_more_than_the_need_lacks_needs_a_confirmation(agreed, official):
    need = agreed.need
    need.quantity_covered = Decimal(10)  # another city delivered 10 meanwhile
    need.save()

    with pytest.raises(ValidationError) as raised:
        _delivered(agreed, official)
    assert list(raised.value.message_dict) == ["more_than_asked"]

    services.match_deliver(user=official, match=agreed, quantity=Decimal(12), more_than_asked=True)
    match = reload_match(agreed)
    assert match.need.quantity_covered == Decimal(22)
    assert match.need.status == Open.FULFILLED
    assert MatchEvent.objects.get(match=match, action="delivered").more_than_asked


def test_the_offer_is_reduced_by_what_it_delivered(agreed, official):
    _delivered(agreed, official)

    offer = reload_match(agreed).offer
    assert offer.quantity_covered == Decimal(12)
    assert offer.quantity_open == Decimal(8)
    assert offer.status == Open.PARTLY_COVERED


def test_an_offer_with_nothing_left_is_fulfilled_and_no_longer_matched(
    match, official, giver, municipality
):
    other = MatchFactory(need=NeedFactory(municipality=municipality), offer=match.offer)
    services.match_contact(user=official, match=match)
    services.match_agree(user=official, match=match, quantity=Decimal(20))
    services.match_accept(user=giver, match=match)

    services.match_deliver(user=official, match=match)

    offer = reload_match(match).offer
    assert offer.status == Open.FULFILLED
    assert not matchable(Offer).filter(pk=offer.pk).exists()
    match_posting(offer)
    assert reload_match(other).status == Status.CLOSED


def test_the_giving_city_does_not_correct_a_delivery(agreed, official, giver):
    _delivered(agreed, official)

    with pytest.raises(PermissionDenied):
        services.match_correct_delivery(user=giver, match=agreed, quantity=5, reason="Typo")


def test_a_correction_needs_a_reason_and_is_kept(agreed, official):
    _delivered(agreed, official)
    with pytest.raises(ValidationError):
        services.match_correct_delivery(user=official, match=agreed, quantity=10, reason=" ")

    services.match_correct_delivery(
        user=official, match=agreed, quantity=10, reason="Two beds were broken"
    )

    match = reload_match(agreed)
    assert match.delivered_quantity == Decimal(10)
    assert match.need.quantity_covered == Decimal(10)
    assert match.offer.quantity_covered == Decimal(10)
    event = MatchEvent.objects.get(match=match, action="corrected")
    assert (event.quantity, event.previous_quantity, event.reason) == (
        Decimal(10),
        Decimal(12),
        "Two beds were broken",
    )


def test_a_correction_that_leaves_the_need_short_opens_it_again(match, official, giver):
    services.match_contact(user=official, match=match)
    services.match_agree(user=official, match=match, quantity=Decimal(20))
    services.match_accept(user=giver, match=match)
    services.match_deliver(user=official, match=match)
    assert reload_match(match).need.status == Open.FULFILLED

    services.match_correct_delivery(user=official, match=match, quantity=15, reason="Miscounted")

    match = reload_match(match)
    assert match.need.status == Open.PARTLY_COVERED
    assert match.need.closed_at is None
    assert match.offer.status == Open.PARTLY_COVERED


def test_undoing_a_delivery_makes_the_match_agreed_again(agreed, official):
    _delivered(agreed, official)

    services.match_undo_delivery(user=official, match=agreed, reason="Recorded on the wrong match")

    match = reload_match(agreed)
    assert match.status == Status.AGREED
    assert match.delivered_quantity is None
    assert match.need.quantity_covered == 0
    assert match.offer.quantity_covered == 0
    assert MatchEvent.objects.get(match=match, action="undone").reason == (
        "Recorded on the wrong match"
    )


def test_after_14_days_a_delivery_stays_as_it_is(agreed, official):
    _delivered(agreed, official)
    Match.objects.filter(pk=agreed.pk).update(
        delivered_at=timezone.now() - timedelta(days=14, minutes=1)
    )

    with pytest.raises(ValidationError):
        services.match_undo_delivery(user=official, match=agreed, reason="Too late")
    with pytest.raises(ValidationError):
        services.match_correct_delivery(user=official, match=agreed, quantity=1, reason="Late")
    assert reload_match(agreed).status == Status.DELIVERED


def test_fully_covered_asks_for_confirmation_first(agreed, official):
    _delivered(agreed, official)

    with pytest.raises(ValidationError) as raised:
        services.match_mark_fully_covered(user=official, match=agreed)
    assert list(raised.value.message_dict) == ["confirmed"]
    assert reload_match(agreed).need.status == Open.PARTLY_COVERED

    services.match_mark_fully_covered(user=official, match=agreed, confirmed=True)
    match = reload_match(agreed)
    assert match.need.status == Open.FULFILLED
    assert match.fully_covered_at is not None


def test_fully_covered_is_undone_with_a_reason_and_the_need_opens_again(agreed, official):
    _delivered(agreed, official)
    services.match_mark_fully_covered(user=official, match=agreed, confirmed=True)
    with pytest.raises(ValidationError):  # the answer comes off first
        services.match_undo_delivery(user=official, match=agreed, reason="Wrong")

    services.match_undo_fully_covered(user=official, match=agreed, reason="Pressed by mistake")

    match = reload_match(agreed)
    assert match.fully_covered_at is None
    assert match.need.status == Open.PARTLY_COVERED
    assert [event.action for event in MatchEvent.objects.filter(match=match)][-2:] == [
        "covered",
        "uncovered",
    ]


def test_the_giving_city_does_not_answer_fully_covered(agreed, official, giver):
    _delivered(agreed, official)

    with pytest.raises(PermissionDenied):
        services.match_mark_fully_covered(user=giver, match=agreed, confirmed=True)
