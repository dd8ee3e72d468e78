"""suggested → contacted → agreed (one side proposes, the other accepts) → delivered, or dismissed
by either side; a delivery covers the need, and a dismissed pair is never suggested again."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matching import services
from matching.engine.pipeline import match_posting
from matching.models import Conversation, Match
from postings.models import Posting
from postings.services import lifecycle
from tests.factories import NeedFactory, OfferFactory, reload_match

pytestmark = pytest.mark.django_db
Status = Match.Status


def _agreed(match: Match, user, quantity=Decimal(20)) -> Match:
    """`user` contacts and proposes; the other side's contact accepts."""
    services.match_contact(user=user, match=match)
    services.match_agree(user=user, match=match, quantity=quantity)
    other = match.offer.contact if user == match.need.contact else match.need.contact
    return services.match_accept(user=other, match=match)


def test_contact_opens_the_conversation_and_marks_the_match_contacted(match, official):
    conversation = services.match_contact(user=official, match=match)

    match = reload_match(match)
    assert conversation.match == match
    assert conversation.started_by == official
    assert match.status == Status.CONTACTED
    assert match.contacted_at is not None


def test_contacting_again_keeps_the_one_conversation(match, official, giver):
    first = services.match_contact(user=official, match=match)
    second = services.match_contact(user=giver, match=match)

    assert first == second
    assert Conversation.objects.count() == 1


def test_the_offering_side_can_contact_too(match, giver):
    services.match_contact(user=giver, match=match)

    assert reload_match(match).status == Status.CONTACTED


def test_agreeing_records_the_quantity(match, official):
    _agreed(match, official, Decimal("12.5"))

    match = reload_match(match)
    assert match.status == Status.AGREED
    assert match.agreed_quantity == Decimal("12.50")
    assert match.agreed_at is not None


def test_the_agreed_quantity_is_changed_once_the_other_side_accepts(match, official, giver):
    _agreed(match, official, Decimal(20))
    services.match_agree(user=giver, match=match, quantity=Decimal(15))

    assert reload_match(match).agreed_quantity == Decimal(20)
    services.match_accept(user=official, match=match)
    assert reload_match(match).agreed_quantity == Decimal(15)


@pytest.mark.parametrize("quantity", [Decimal(0), Decimal(-3), "many", None])
def test_the_agreed_quantity_must_be_a_positive_number(match, official, quantity):
    services.match_contact(user=official, match=match)

    with pytest.raises(ValidationError):
        services.match_agree(user=official, match=match, quantity=quantity)
    assert reload_match(match).status == Status.CONTACTED


def test_the_agreed_quantity_is_at_most_what_the_need_still_lacks(match, official):
    match.need.quantity_covered = Decimal(15)
    match.need.status = Posting.Status.PARTLY_COVERED
    match.need.save()
    services.match_contact(user=official, match=match)

    with pytest.raises(ValidationError):
        services.match_agree(user=official, match=match, quantity=Decimal(6))
    services.match_agree(user=official, match=match, quantity=Decimal(5))
    assert reload_match(match).proposed_quantity == Decimal(5)


def test_a_need_without_a_quantity_is_agreed_without_one(match, official):
    match.need.quantity = None
    match.need.save()

    _agreed(match, official, None)

    assert reload_match(match).status == Status.AGREED


def test_agreeing_needs_contact_first(match, official):
    with pytest.raises(ValidationError):
        services.match_agree(user=official, match=match, quantity=Decimal(5))


def test_a_delivery_is_confirmed_by_the_receiving_city_only(match, official, giver):
    _agreed(match, giver)

    with pytest.raises(PermissionDenied):
        services.match_deliver(user=giver, match=match)
    assert reload_match(match).status == Status.AGREED


def test_delivering_the_agreed_quantity_fulfils_the_need(match, official):
    _agreed(match, official, Decimal(20))

    services.match_deliver(user=official, match=match)

    match = reload_match(match)
    assert match.status == Status.DELIVERED
    assert match.delivered_quantity == Decimal(20)
    assert match.need.quantity_covered == Decimal(20)
    assert match.need.status == Posting.Status.FULFILLED


def test_a_partial_delivery_covers_the_need_partly(match, official):
    _agreed(match, official, Decimal(20))

    services.match_deliver(user=official, match=match, quantity=Decimal(8))

    need = reload_match(match).need
    assert need.quantity_covered == Decimal(8)
    assert need.status == Posting.Status.PARTLY_COVERED


def test_only_an_agreed_match_is_delivered(match, official):
    services.match_contact(user=official, match=match)

    with pytest.raises(ValidationError):
        services.match_deliver(user=official, match=match, quantity=Decimal(5))
    assert reload_match(match).need.quantity_covered == 0


@pytest.mark.parametrize("side", ["need", "offer"])
def test_either_side_dismisses(match, official, giver, side):
    user = official if side == "need" else giver

    services.match_dismiss(user=user, match=match, side=side)

    match = reload_match(match)
    assert match.status == Status.DISMISSED
    assert match.dismissed_by == side
    assert match.dismissed_at is not None


def test_a_side_does_not_dismiss_for_the_other(match, official):
    with pytest.raises(PermissionDenied):
        services.match_dismiss(user=official, match=match, side="offer")
    assert reload_match(match).status == Status.SUGGESTED


def test_a_dismissed_match_is_not_contacted(match, official, giver):
    services.match_dismiss(user=giver, match=match, side="offer")

    with pytest.raises(ValidationError):
        services.match_contact(user=official, match=match)
    assert not Conversation.objects.exists()


def test_a_dismissed_pair_stays_dismissed_when_matched_again(municipality, offering, official):
    need = NeedFactory(municipality=municipality, title_en="Hospital beds for the clinic")
    offer = OfferFactory(municipality=offering, title_en="Hospital beds to give away")
    match_posting(need)
    match = Match.objects.get(need=need, offer=offer)
    services.match_dismiss(user=official, match=match, side="need")

    need = lifecycle.posting_update(user=official, posting=need, title_en="Hospital beds, 20")
    match_posting(need)
    match_posting(offer)

    assert Match.objects.filter(need=need, offer=offer).count() == 1
    assert reload_match(match).status == Status.DISMISSED
