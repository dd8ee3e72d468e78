"""Readers see needs and offers in their language where the worker translated them, marked as
machine translated, with the original one click away; without a translation service the pages
say so and show the original."""

import pytest
from django.utils.html import escape

from postings.tasks import translate_posting
from tests.factories import MunicipalityFactory
from tests.postings.languages import BEDS_UK, ukrainian_need

pytestmark = pytest.mark.django_db

GERMAN_TITLE = "Krankenhausbetten und Patientenmonitore"


@pytest.fixture
def translated(libretranslate, municipality):
    need = ukrainian_need(municipality, quantity=20, quantity_covered=5)
    translate_posting(need._meta.label_lower, need.pk)
    return need


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_german_reader_the_machine_translation(client, translated):
    content = _page(client, f"/de/needs/{translated.pk}/")

    assert f'<h1 lang="de">{GERMAN_TITLE}</h1>' in content
    assert "Das regionale Krankenhaus benötigt 20 Funktionsbetten" in content
    assert 'href="?original=1"' in content
    assert '20 <span lang="de">Betten</span>' in content
    assert "[de] " + BEDS_UK["logistics"] in content


def test_a_machine_translation_is_marked_as_such(client, translated):
    content = _page(client, f"/en/needs/{translated.pk}/")

    assert '<h1 lang="en">Hospital beds and patient monitors</h1>' in content
    assert "Machine translated from Ukrainian." in content
    assert "Show the original" in content


def test_the_switch_shows_the_original(client, translated):
    content = _page(client, f"/de/needs/{translated.pk}/?original=1")

    assert f'<h1 lang="uk">{BEDS_UK["title_uk"]}</h1>' in content
    assert GERMAN_TITLE not in content
    assert 'href="?"' in content


def test_the_author_s_language_shows_the_text_as_written(client, translated):
    content = _page(client, f"/uk/needs/{translated.pk}/")

    assert f'<h1 lang="uk">{BEDS_UK["title_uk"]}</h1>' in content
    assert GERMAN_TITLE not in content


def test_the_list_shows_translated_titles_marked_as_such(client, translated):
    content = _page(client, "/en/needs/")

    assert "Hospital beds and patient monitors" in content
    assert "machine translated" in content
    assert "Still needed: 15 of 20 beds" in content


def test_a_human_translation_is_not_marked_as_a_machine_s(client, municipality):
    ukrainian_need(municipality, title_en="Beds for the hospital", description_en="Beds.")

    content = _page(client, "/en/needs/")

    assert "Beds for the hospital" in content
    assert "machine translated" not in content


def test_without_a_translation_service_the_pages_say_so_and_show_the_original(client, municipality):
    need = ukrainian_need(municipality)

    listing = _page(client, "/en/needs/")
    page = _page(client, f"/en/needs/{need.pk}/")

    assert "Machine translation is not set up on this platform" in listing
    assert escape(BEDS_UK["title_uk"]) in listing or BEDS_UK["title_uk"] in listing
    assert "Machine translation is not set up on this platform" in page
    assert f'<h1 lang="uk">{BEDS_UK["title_uk"]}</h1>' in page


def test_with_a_service_a_posting_not_translated_yet_says_so(client, libretranslate, municipality):
    need = ukrainian_need(municipality)

    page = _page(client, f"/en/needs/{need.pk}/")

    assert "not translated into English yet" in page
    assert "Machine translation is not set up" not in _page(client, "/en/needs/")


def test_the_list_makes_no_query_per_translated_posting(client, libretranslate, page_queries):
    for _ in range(2):
        need = ukrainian_need(MunicipalityFactory())
        translate_posting(need._meta.label_lower, need.pk)
    few = page_queries(client, "/de/needs/", at_most=10)
    for _ in range(5):
        need = ukrainian_need(MunicipalityFactory())
        translate_posting(need._meta.label_lower, need.pk)

    assert page_queries(client, "/de/needs/", at_most=few) == few


def test_the_translated_page_makes_a_fixed_number_of_queries(client, translated, page_queries):
    assert page_queries(client, f"/de/needs/{translated.pk}/", at_most=2) == 2
