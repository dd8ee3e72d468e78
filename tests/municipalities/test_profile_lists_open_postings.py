"""A municipality's public profile lists its open needs and offers (published or partly
covered): title linked, sector, what is still open; in a constant number of queries."""

import pytest
from django.utils import timezone

from postings.models import Posting
from postings.templatetags.municipality_postings import SHOWN
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

Status = Posting.Status


def _profile(client, municipality) -> str:
    response = client.get(f"/en/municipalities/{municipality.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_open_needs_and_offers_are_listed_with_sector_and_open_quantity(client, municipality):
    need = NeedFactory(
        municipality=municipality,
        title_en="Hospital beds",
        quantity=20,
        quantity_covered=5,
        unit="beds",
        status=Status.PARTLY_COVERED,
    )
    offer = OfferFactory(municipality=municipality, title_en="Fire-fighting training")
    page = _profile(client, municipality)
    assert f'<a href="{need.get_absolute_url()}" lang="en">Hospital beds</a>' in page
    assert "15 beds" in page
    assert "Partly covered" in page
    assert need.sector.name in page
    assert f'<a href="{offer.get_absolute_url()}" lang="en">Fire-fighting training</a>' in page


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"status": Status.FULFILLED},
        {"status": Status.WITHDRAWN},
        {"status": Status.EXPIRED},
        {"hidden_at": timezone.now()},
    ],
    ids=["draft", "fulfilled", "withdrawn", "expired", "hidden by a moderator"],
)
def test_what_is_not_open_is_not_listed(client, municipality, hidden):
    NeedFactory(municipality=municipality, title_en="Hospital beds", **hidden)
    page = _profile(client, municipality)
    assert "Hospital beds" not in page
    assert "No open needs at the moment." in page


def test_another_municipality_s_postings_are_not_listed(client, municipality, other_municipality):
    NeedFactory(municipality=other_municipality, title_en="School desks")
    assert "School desks" not in _profile(client, municipality)


def test_a_long_list_links_to_the_rest(client, municipality):
    NeedFactory.create_batch(SHOWN + 1, municipality=municipality)
    page = _profile(client, municipality)
    assert page.count("<tr>") - 1 == SHOWN  # and the header row (no offers: no table)
    assert f'href="/en/needs/?municipality={municipality.slug}"' in page


def test_the_profile_s_queries_do_not_grow_with_the_postings(client, municipality, page_queries):
    NeedFactory(municipality=municipality)
    OfferFactory(municipality=municipality)
    url = f"/en/municipalities/{municipality.slug}/"
    few = page_queries(client, url, at_most=6)
    NeedFactory.create_batch(6, municipality=municipality, status=Status.PARTLY_COVERED)
    OfferFactory.create_batch(6, municipality=municipality)
    assert page_queries(client, url, at_most=few) == few == 6
