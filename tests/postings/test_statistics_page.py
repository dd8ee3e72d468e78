"""The public statistics page: open needs and offers by sector and country, fulfilled per month,
as charts and as tables with the same numbers."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Municipality
from postings.models import Posting, Sector
from postings.views.statistics import last_months
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

Status = Posting.Status
URL = reverse("postings:statistics")


def _table(response, chart_id: str) -> dict[str, dict[str, int]]:
    """{row label: {column: number}} of one chart's table."""
    chart = next(chart for chart in response.context["charts"] if chart.id == chart_id)
    return {label: dict(zip(chart.columns, values, strict=True)) for label, values in chart.rows}


def _water() -> dict:
    return {"sector": Sector.objects.get(slug="water"), "topic": None}


def _not_public(factory, municipality, pending_municipality, **kwargs) -> None:
    """One of each posting that must not be counted as open and public."""
    factory(municipality=municipality, hidden_at=timezone.now(), **kwargs)
    factory(municipality=municipality, status=Status.DRAFT, **kwargs)
    factory(municipality=municipality, status=Status.DRAFT, submitted_at=timezone.now(), **kwargs)
    factory(municipality=municipality, status=Status.WITHDRAWN, **kwargs)
    factory(municipality=municipality, status=Status.EXPIRED, **kwargs)
    factory(municipality=pending_municipality, **kwargs)
    factory(municipality=MunicipalityFactory(status=Municipality.Status.REJECTED), **kwargs)


def test_it_is_public(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('role="img"') == 3


def test_open_postings_are_counted_by_sector(
    client, municipality, other_municipality, pending_municipality
):
    NeedFactory.create_batch(2, municipality=municipality)
    NeedFactory(municipality=other_municipality, status=Status.PARTLY_COVERED)
    NeedFactory(municipality=municipality, **_water())
    OfferFactory(municipality=other_municipality, **_water())
    _not_public(NeedFactory, municipality, pending_municipality)
    _not_public(OfferFactory, other_municipality, pending_municipality, **_water())
    NeedFactory(municipality=municipality, status=Status.FULFILLED)
    response = client.get(URL)
    assert _table(response, "sectors") == {
        "Health and medical care": {"Needs": 3, "Offers": 0},
        "Water and sanitation": {"Needs": 1, "Offers": 1},
    }
    assert response.context["open_totals"] == [("Open needs", 4), ("Open offers", 1)]


def test_open_postings_are_counted_by_country(
    client, municipality, other_municipality, pending_municipality
):
    NeedFactory.create_batch(3, municipality=municipality)
    OfferFactory(municipality=municipality)
    OfferFactory.create_batch(2, municipality=other_municipality)
    _not_public(NeedFactory, other_municipality, pending_municipality)
    response = client.get(URL)
    assert _table(response, "countries") == {
        "Ukraine": {"Needs": 3, "Offers": 1},
        "Germany": {"Needs": 0, "Offers": 2},
    }
    assert list(_table(response, "countries")) == ["Ukraine", "Germany"]


def test_countries_beyond_the_top_ten_are_summed_up(client):
    codes = ["AT", "BE", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "IT", "LT", "LV"]
    for count, code in enumerate(codes, start=1):
        NeedFactory.create_batch(count, municipality=MunicipalityFactory(country=code))
    table = _table(client.get(URL), "countries")
    assert len(table) == 10
    assert table["Latvia"] == {"Needs": 12, "Offers": 0}
    assert table["Other countries (3)"] == {"Needs": 1 + 2 + 3, "Offers": 0}
    assert "Austria" not in table


def test_fulfilled_postings_are_counted_per_month(client, municipality, pending_municipality):
    today = timezone.localdate()
    last_month = today.replace(day=1) - timedelta(days=10)
    long_ago = today - timedelta(days=400)

    def closed(day) -> dict:
        moment = datetime.combine(day, time(12), tzinfo=timezone.get_current_timezone())
        return {"status": Status.FULFILLED, "closed_at": moment}

    NeedFactory.create_batch(2, municipality=municipality, **closed(today))
    OfferFactory(municipality=municipality, **closed(today))
    NeedFactory(municipality=municipality, **closed(last_month))
    NeedFactory(municipality=municipality, **closed(long_ago))
    NeedFactory(municipality=municipality, hidden_at=timezone.now(), **closed(today))
    NeedFactory(municipality=pending_municipality, **closed(today))
    NeedFactory(municipality=municipality)
    response = client.get(URL)
    chart = next(chart for chart in response.context["charts"] if chart.id == "fulfilled")
    assert len(chart.rows) == 12
    assert chart.rows[-1][1] == [2, 1]
    assert chart.rows[-2][1] == [1, 0]
    assert chart.totals == [3, 1]


def test_the_last_months_end_with_the_current_one():
    months = last_months(datetime(2025, 2, 14).date())
    assert len(months) == 12
    assert months[0] == datetime(2024, 3, 1).date()
    assert months[-1] == datetime(2025, 2, 1).date()


def test_each_chart_is_accessible_and_has_a_table_with_the_same_numbers(client, municipality):
    NeedFactory.create_batch(4, municipality=municipality)
    html = client.get(URL).content.decode()
    sectors = html[html.index('id="sectors"') : html.index('id="countries"')]
    assert 'role="img"' in sectors
    assert '<title id="chart-sectors-title">Open needs and offers by sector</title>' in sectors
    assert '<desc id="chart-sectors-desc">' in sectors
    assert 'data-value="4"' in sectors
    assert "<caption>Open needs and offers by sector</caption>" in sectors
    assert '<th scope="row">Health and medical care</th>' in sectors
    assert '<th scope="col">Needs</th>' in sectors
    assert "<td>4</td>" in sectors


def test_no_postings_show_empty_charts_and_tables(client):
    response = client.get(URL)
    html = response.content.decode()
    # Three empty charts, two empty tables; the months are listed with zeros.
    assert html.count("Nothing to show yet.") == 5
    assert 'class="bar"' not in html
    assert _table(response, "sectors") == {}
    assert _table(response, "countries") == {}
    assert all(values == [0, 0] for _label, values in response.context["charts"][2].rows)


def test_names_are_in_the_readers_language(client, municipality):
    NeedFactory(municipality=municipality)
    html = client.get("/uk/postings/statistics/").content.decode()
    assert "Охорона здоров’я і медична допомога" in html
    assert "Україна" in html


def test_sector_names_are_escaped(client, municipality):
    sector = Sector.objects.create(slug="odd", name='<b onmouseover="x">Odd</b>')
    NeedFactory(municipality=municipality, sector=sector, topic=None)
    html = client.get(URL).content.decode()
    assert '<b onmouseover="x">' not in html
    assert "&lt;b onmouseover=" in html


def test_query_count_does_not_grow_with_the_postings(
    client, municipality, other_municipality, django_assert_max_num_queries
):
    def queries() -> int:
        with django_assert_max_num_queries(12) as captured:
            assert client.get(URL).status_code == 200
        return len(captured.captured_queries)

    NeedFactory(municipality=municipality)
    few = queries()
    for code in ("PL", "FR", "IT"):
        NeedFactory.create_batch(2, municipality=MunicipalityFactory(country=code), **_water())
    OfferFactory.create_batch(3, municipality=other_municipality)
    NeedFactory.create_batch(3, municipality=municipality, status=Status.FULFILLED)
    OfferFactory(municipality=municipality, status=Status.FULFILLED, closed_at=timezone.now())
    assert queries() == few
