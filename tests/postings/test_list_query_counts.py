"""The needs and offers pages, the CSV export and the detail page make as many queries for many
rows as for a few."""

import pytest

from postings.models import PostingChange
from postings.services.history import record
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str, django_assert_max_num_queries, limit: int) -> int:
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured.captured_queries)


def _varied(factory, count: int) -> None:
    """Rows of different municipalities, topics and languages, so no join is cached by luck."""
    for _ in range(count):
        factory(municipality=MunicipalityFactory(), original_language="de", title_de="Pumpen")


@pytest.mark.parametrize(
    ("factory", "url"),
    [
        (NeedFactory, "/en/needs/"),
        (OfferFactory, "/en/offers/"),
        (NeedFactory, "/uk/needs/?sort=deadline&q=pump"),
        (NeedFactory, "/en/needs/export.csv"),
        (OfferFactory, "/en/offers/export.csv?country=DE"),
    ],
)
def test_lists_and_exports(client, official_client, factory, url, django_assert_max_num_queries):
    _varied(factory, 3)
    few = _queries(client, url, django_assert_max_num_queries, 12)
    _varied(factory, 20)
    assert _queries(client, url, django_assert_max_num_queries, few) <= few
    # Logged in, with the link to post: a few queries more, still none per row.
    logged_in = _queries(official_client, url, django_assert_max_num_queries, few + 6)
    _varied(factory, 20)
    assert _queries(official_client, url, django_assert_max_num_queries, logged_in) <= logged_in


@pytest.mark.parametrize("who", ["client", "outsider_client", "official_client", "staff_client"])
def test_the_detail_page(request, municipality, official, who, django_assert_max_num_queries):
    client = request.getfixturevalue(who)
    need = NeedFactory(municipality=municipality, contact=official)
    url = f"/en/needs/{need.pk}/"
    for _ in range(3):
        record(need, PostingChange.Action.EDITED, official, {"quantity": ["1", "2"]})
    few = _queries(client, url, django_assert_max_num_queries, 12)
    for _ in range(20):
        record(need, PostingChange.Action.CONFIRMED, official)
    assert _queries(client, url, django_assert_max_num_queries, few) <= few
