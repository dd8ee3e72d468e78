"""An offer of a partner city ranks above an equal one of a stranger, and the match says since
when the two cities are partners."""

from datetime import date

import pytest
from django.utils import translation

from matching.engine.pipeline import match_posting
from matching.models import Match
from matching.reasons_text import describe
from partnerships.services import partnership_record
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    """Three cities with the same languages and no coordinates: only partnership tells the
    two offering cities apart."""
    return MunicipalityFactory.create_batch(3, languages=["de", "en"])


@pytest.fixture
def first_city_need(cities):
    return NeedFactory(municipality=cities[0], title_en="Hospital beds for the regional clinic")


@pytest.fixture
def offers(cities):
    return [
        OfferFactory(municipality=city, title_en="Hospital beds to give away")
        for city in cities[1:]
    ]


def _ranked(need) -> list[Match]:
    return list(Match.objects.filter(need=need).order_by("-score"))


def _partners_reasons(match: Match) -> list[dict]:
    return [reason for reason in match.reasons if reason["code"] == "partners"]


def test_the_offer_of_a_partner_city_ranks_above_an_equal_offer(cities, first_city_need, offers):
    match_posting(first_city_need)
    strangers = {match.offer: match.score for match in _ranked(first_city_need)}
    assert strangers[offers[0]] == strangers[offers[1]], "without a partnership, a tie"

    PartnershipFactory(members=[cities[0], cities[2]], started_on=date(2023, 9, 15))
    match_posting(first_city_need)
    first, second = _ranked(first_city_need)
    assert first.offer == offers[1]
    lifted = strangers[offers[1]] + 0.1 * (1 - strangers[offers[1]])
    assert first.score == pytest.approx(lifted, abs=1e-4)  # scores are stored to 4 places
    assert second.score == strangers[offers[0]]
    assert _partners_reasons(first) == [{"code": "partners", "since": 2023}]
    assert _partners_reasons(second) == []


def test_the_offering_side_sees_the_partnership_too(cities, first_city_need, offers):
    PartnershipFactory(members=[cities[0], cities[1]], started_on=date(2019, 1, 1))
    match_posting(offers[0])
    (match,) = _ranked(first_city_need)
    assert _partners_reasons(match) == [{"code": "partners", "since": 2019}]


def test_the_reason_reads_in_the_readers_language(cities, first_city_need, offers):
    PartnershipFactory(members=[cities[0], cities[2]], started_on=date(2023, 9, 15))
    match_posting(first_city_need)
    match = _ranked(first_city_need)[0]
    with translation.override("de"):
        assert "Partnerstädte seit 2023" in describe(match)
    with translation.override("uk"):
        assert "міста-партнери з 2023 року" in describe(match)


def test_recording_a_partnership_rematches_the_cities_postings_after_commit(
    cities, first_city_need, offers, django_capture_on_commit_callbacks
):
    match_posting(first_city_need)
    assert not any(_partners_reasons(match) for match in _ranked(first_city_need))
    with django_capture_on_commit_callbacks(execute=True):
        partnership_record(kind="twinning", started_on=date(1994, 5, 20), municipalities=cities[:2])
    first = _ranked(first_city_need)[0]
    assert first.offer == offers[0]
    assert _partners_reasons(first) == [{"code": "partners", "since": 1994}]
