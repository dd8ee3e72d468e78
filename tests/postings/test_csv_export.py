"""The CSV export holds exactly the filtered list, in the same order, readable by Excel."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from postings.models import Posting
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "id",
    "url",
    "title",
    "title_en",
    "municipality",
    "country",
    "sector",
    "topic",
    "help_kind",
    "quantity",
    "quantity_covered",
    "unit",
    "needed_by",
    "status",
    "original_language",
    "published_at",
]


def _download(client, url: str, query: dict | None = None) -> tuple[bytes, list[list[str]]]:
    response = client.get(url, query or {})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_starts_with_a_bom_and_a_header(client):
    body, rows = _download(client, "/en/needs/export.csv")
    assert body.startswith("\ufeff".encode())
    assert rows == [HEADER]


def test_it_is_a_download_named_after_the_kind_and_the_day(client):
    response = client.get("/en/offers/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="offers-{today}.csv"'


def test_a_row_holds_every_column(client, municipality, settings):
    settings.SITE_URL = "https://cities4cities.example"
    need = NeedFactory(
        municipality=municipality,
        original_language="uk",
        title_en="Hospital beds",
        title_uk="Лікарняні ліжка",
        needed_by=date(2031, 5, 17),
        quantity_covered=5,
    )
    _body, rows = _download(client, "/en/needs/export.csv")
    assert rows[1] == [
        str(need.uuid),
        f"https://cities4cities.example/en/needs/{need.pk}/",
        "Лікарняні ліжка",
        "Hospital beds",
        "Kamianets-Podilskyi",
        "UA",
        "health",
        "medical-equipment",
        "goods",
        "20.00",
        "5.00",
        "beds",
        "2031-05-17",
        "published",
        "uk",
        need.published_at.isoformat(),
    ]


def test_the_readers_column_is_in_the_readers_language(client, municipality):
    NeedFactory(municipality=municipality, title_en="Generators", title_uk="Генератори")
    _body, rows = _download(client, "/uk/needs/export.csv")
    assert rows[0][3] == "title_uk"
    assert rows[1][2:5] == ["Generators", "Генератори", "Кам'янець-Подільський"]
    assert "/uk/needs/" in rows[1][1]


def test_offers_have_their_own_date_column(client):
    OfferFactory(available_until=date(2030, 1, 31))
    _body, rows = _download(client, "/en/offers/export.csv")
    assert rows[0][12] == "available_until"
    assert rows[1][12] == "2030-01-31"


def test_it_holds_exactly_the_filtered_rows_in_the_pages_order(
    client, municipality, other_municipality
):
    today = date.today()
    NeedFactory(municipality=municipality, title_en="Later", needed_by=today + timedelta(days=9))
    NeedFactory(municipality=municipality, title_en="Soon", needed_by=today + timedelta(days=2))
    NeedFactory(municipality=municipality, title_en="Drafted", status=Posting.Status.DRAFT)
    NeedFactory(municipality=other_municipality, title_en="Elsewhere")
    query = {"country": "UA", "sort": "deadline"}
    page = client.get("/en/needs/", query).context["page"]
    _body, rows = _download(client, "/en/needs/export.csv", query)
    assert [row[2] for row in rows[1:]] == ["Soon", "Later"]
    assert [row[0] for row in rows[1:]] == [str(posting.uuid) for posting in page]


def test_it_is_not_paginated(client, municipality):
    NeedFactory.create_batch(27, municipality=municipality)
    _body, rows = _download(client, "/en/needs/export.csv")
    assert len(rows) == 1 + 27


def test_search_applies_too(client):
    NeedFactory(original_language="de", title_en="", title_de="Feuerwehrschläuche")
    NeedFactory(title_en="School desks")
    _body, rows = _download(client, "/en/needs/export.csv", {"q": "feuerwehr"})
    assert [row[2] for row in rows[1:]] == ["Feuerwehrschläuche"]


@pytest.mark.parametrize("query", [{"sector": "nonsense"}, {"status": "draft"}, {"sort": "x"}])
def test_bad_filters_are_refused_with_a_plain_message(client, query):
    response = client.get("/en/needs/export.csv", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert next(iter(query)) in response.content.decode()


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_defused(client):
    NeedFactory(title_en='=HYPERLINK("https://evil.example","beds")', unit="@beds")
    _body, rows = _download(client, "/en/needs/export.csv")
    assert rows[1][2] == '\'=HYPERLINK("https://evil.example","beds")'
    assert rows[1][11] == "'@beds"
