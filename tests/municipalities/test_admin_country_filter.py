"""The admin's country filter is a drop-down of the countries that occur, not 250 links that
make the page thousands of pixels tall; choosing "All" again shows everything."""

import re

import pytest

from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/municipalities/municipality/"


@pytest.fixture
def towns(municipality, other_municipality, pending_municipality):
    return [municipality, other_municipality, pending_municipality]


def _country_links(page: str) -> list[str]:
    return re.findall(r'href="\?[^"]*country[^"]*"', page)


@pytest.mark.parametrize(
    "url",
    [
        CHANGELIST,
        "/en/admin/municipalities/verificationqueue/",
        "/en/admin/needs/need/",
        "/en/admin/offers/offer/",
    ],
)
def test_no_country_is_a_filter_link(staff_client, towns, url):
    page = staff_client.get(url).content.decode()
    assert _country_links(page) == []
    assert 'select name="' in page


def test_the_drop_down_offers_the_countries_that_occur(staff_client, towns):
    page = staff_client.get(CHANGELIST).content.decode()
    select = re.search(r'<select name="country__exact".*?</select>', page, re.S).group()
    assert re.findall(r'<option value="(\w*)"', select) == ["", "DE", "LT", "UA"]


def test_choosing_a_country_filters_and_keeps_the_other_filters(staff_client, towns):
    MunicipalityFactory(country="UA", status="pending")
    response = staff_client.get(CHANGELIST, {"country__exact": "UA", "status__exact": "verified"})
    assert response.context["cl"].result_count == 1
    assert '<input type="hidden" name="status__exact" value="verified">' in (
        response.content.decode()
    )


def test_all_countries_again_filters_nothing(staff_client, towns):
    response = staff_client.get(CHANGELIST, {"country__exact": ""})
    assert response.context["cl"].result_count == 3
