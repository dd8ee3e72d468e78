"""Where a municipality has no coordinates, its country still counts: an offer from the same
country ranks above an equal one from abroad, and the match says so."""

import pytest
from django.utils import translation

from matching.engine.pipeline import match_posting
from matching.models import Match
from matching.reasons_text import describe
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need_without_coordinates():
    city = MunicipalityFactory(country="UA", languages=["uk", "en"], latitude=None, longitude=None)
    return NeedFactory(municipality=city, title_en="Hospital beds for the regional clinic")


def _offer(country: str, **place) -> OfferFactory:
    city = MunicipalityFactory(country=country, languages=["uk", "en"], **place)
    return OfferFactory(municipality=city, title_en="Hospital beds to give away")


def _reasons(match: Match) -> list[dict]:
    return [r for r in match.reasons if r["code"] in ("same_country", "distance")]


def test_an_offer_from_the_same_country_ranks_above_one_from_abroad(need_without_coordinates):
    abroad = _offer("PL", latitude=None, longitude=None)
    at_home = _offer("UA", latitude=None, longitude=None)
    match_posting(need_without_coordinates)
    first, second = Match.objects.filter(need=need_without_coordinates).order_by("-score")
    assert first.offer == at_home
    assert first.score > second.score
    assert _reasons(first) == [{"code": "same_country", "country": "UA"}]
    assert _reasons(second) == []
    assert abroad == second.offer


def test_the_country_reads_in_the_readers_language(need_without_coordinates):
    _offer("UA", latitude=None, longitude=None)
    match_posting(need_without_coordinates)
    match = Match.objects.get(need=need_without_coordinates)
    with translation.override("de"):
        assert "dasselbe Land: Ukraine" in describe(match)
    with translation.override("uk"):
        assert "та сама країна: Україна" in describe(match)
