"""The API marks what the platform translated: `translations` beside the texts the municipality
wrote, machine or corrected; and a translation reaches the clients that mirror the feed."""

import pytest
from rest_framework.test import APIClient

from postings.services.translation import posting_correct_translation
from postings.tasks import translate_posting
from tests.api.clients import token_client
from tests.postings.languages import BEDS_UK, ukrainian_need

pytestmark = pytest.mark.django_db

NEEDS = "/api/v1/needs/"


@pytest.fixture
def need(libretranslate, municipality, official):
    need = ukrainian_need(municipality, contact=official)
    translate_posting(need._meta.label_lower, need.pk)
    return need


def test_a_posting_lists_its_machine_translations_apart_from_its_own_texts(need):
    data = APIClient().get(f"{NEEDS}{need.uuid}/").json()

    assert {code: text for code, text in data["title"].items() if text} == {
        "uk": BEDS_UK["title_uk"]
    }
    assert data["translations"]["title"]["de"] == {
        "text": "Krankenhausbetten und Patientenmonitore",
        "machine": True,
    }
    assert data["translations"]["unit"]["de"] == {"text": "Betten", "machine": True}
    assert set(data["translations"]) == {"title", "description", "logistics", "unit"}
    assert set(data["translations"]["logistics"]) == {"en", "de", "fr", "pl"}


def test_a_corrected_translation_is_not_marked_as_machine_s(need, official):
    posting_correct_translation(
        user=official, posting=need, language="de", texts={"title": "Pflegebetten"}
    )

    data = APIClient().get(f"{NEEDS}{need.uuid}/").json()

    assert data["translations"]["title"]["de"] == {"text": "Pflegebetten", "machine": False}


def test_a_posting_without_translations_has_empty_ones(municipality):
    need = ukrainian_need(municipality)

    data = APIClient().get(f"{NEEDS}{need.uuid}/").json()

    assert data["translations"] == {"title": {}, "description": {}, "logistics": {}, "unit": {}}


def test_a_client_mirroring_the_feed_receives_the_translations(libretranslate, municipality):
    client = APIClient()
    need = ukrainian_need(municipality)
    cursor = client.get(NEEDS).json()["cursor"]

    translate_posting(need._meta.label_lower, need.pk)

    [changed] = client.get(NEEDS, {"since": cursor}).json()["results"]
    assert changed["id"] == str(need.uuid)
    assert changed["translations"]["title"]["en"]["text"] == "Hospital beds and patient monitors"


def test_writing_the_translations_back_changes_nothing(need, official):
    api = token_client(official)
    data = api.get(f"{NEEDS}{need.uuid}/").json()

    response = api.patch(
        f"{NEEDS}{need.uuid}/", {"translations": data["translations"]}, HTTP_IF_MATCH="*"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["translations"] == data["translations"]


def test_the_list_reads_the_translations_with_the_postings_in_as_many_queries_for_8_as_for_3(
    libretranslate, municipality, django_assert_max_num_queries
):
    client = APIClient()
    for _ in range(3):
        need = ukrainian_need(municipality)
        translate_posting(need._meta.label_lower, need.pk)
    with django_assert_max_num_queries(20) as few:
        client.get(NEEDS)
    for _ in range(5):
        need = ukrainian_need(municipality)
        translate_posting(need._meta.label_lower, need.pk)

    with django_assert_max_num_queries(len(few.captured_queries)):
        results = client.get(NEEDS).json()["results"]
    assert len(results) == 8
    assert all(result["translations"]["title"] for result in results)
