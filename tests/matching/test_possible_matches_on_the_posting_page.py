"""A posting's page lists its strong matches as matches, and the ones below the notification
threshold apart, folded, as possible matches that say what does not fit."""

import pytest

from matching.notifications import NOTIFY_THRESHOLD
from tests.factories import MatchFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_strong_and_possible_matches_are_listed_apart(official_client, need, other_municipality):
    strong = OfferFactory(municipality=other_municipality, title_en="Twenty hospital beds")
    weak = OfferFactory(municipality=other_municipality, title_en="Two folding beds")
    MatchFactory(need=need, offer=strong, score=NOTIFY_THRESHOLD + 0.3)
    MatchFactory(need=need, offer=weak, score=NOTIFY_THRESHOLD - 0.2)

    page = official_client.get(need.get_absolute_url()).content.decode()

    folded = page.index('<details class="possible-matches">')
    assert page.index("Twenty hospital beds") < folded < page.index("Two folding beds")
    assert "1 possible match" in page
    assert "Possible match" in page[folded:]


def test_without_strong_ones_the_possible_matches_still_show(official_client, need, offering):
    weak = OfferFactory(municipality=offering, title_en="Two folding beds")
    MatchFactory(need=need, offer=weak, score=NOTIFY_THRESHOLD - 0.2)

    page = official_client.get(need.get_absolute_url()).content.decode()

    assert "No matches yet." in page
    assert '<details class="possible-matches">' in page
    assert "Two folding beds" in page
