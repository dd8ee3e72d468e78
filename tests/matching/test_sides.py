"""The two sides of a match: which side a posting is on, the other one, and a match's posting
and municipality on a side."""

import pytest

from matching.sides import Side
from needs.models import Need
from offers.models import Offer

pytestmark = pytest.mark.django_db


def test_a_need_and_an_offer_are_on_opposite_sides(match):
    assert (Side.of(match.need), Side.of(match.offer)) == (Side.NEED, Side.OFFER)
    assert (Side.of(Need), Side.of(Offer)) == (Side.NEED, Side.OFFER)
    assert (Side.NEED.other, Side.OFFER.other) == (Side.OFFER, Side.NEED)
    assert (Side.NEED.model, Side.OFFER.model) == (Need, Offer)


def test_a_side_finds_its_posting_and_municipality_in_a_match(match, municipality, offering):
    assert Side.NEED.posting(match) == match.need
    assert Side.OFFER.municipality(match) == offering
    assert Side.of_municipality(match, municipality) is Side.NEED
    assert Side.of_municipality(match, offering) is Side.OFFER


def test_a_side_orders_its_own_and_the_other_value_as_need_then_offer():
    assert Side.NEED.need_first("own", "other") == ("own", "other")
    assert Side.OFFER.need_first("own", "other") == ("other", "own")
    assert Side.OFFER.pair(7, 3) == {"need_id": 3, "offer_id": 7}
