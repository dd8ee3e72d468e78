"""Search in any language finds postings in every language: by their words, inside compound
words too, by the machine translations, and by meaning; the query is embedded once and kept."""

import numpy as np
import pytest
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from core import embedding
from matching.engine.pipeline import ensure_embeddings
from postings import search
from postings.tasks import translate_posting
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory
from tests.postings.languages import BEDS_DE, BEDS_UK, german_offer, ukrainian_need

pytestmark = pytest.mark.django_db

UK_TITLE, DE_TITLE = BEDS_UK["title_uk"], BEDS_DE["title_de"]


def _titles(client, url: str, query: str, **more) -> list[str]:
    response = client.get(url, {"q": query, **more})
    assert response.status_code == 200
    with_original = []
    for posting in response.context["page"]:
        with_original.append(posting.original("title"))
    return with_original


@pytest.fixture
def beds(municipality, other_municipality):
    """The Ukrainian need and the German offer of the demo, among others, with the vectors
    the matching worker stores."""
    need = ukrainian_need(municipality)
    offer = german_offer(other_municipality)
    needs = [
        need,
        NeedFactory(title_en="Fire hoses and helmets", description_en="For the fire brigade."),
        NeedFactory(title_en="School desks", description_en="Desks and chairs for 300 pupils."),
        NeedFactory(
            original_language="uk",
            title_en="",
            description_en="",
            title_uk="Генератори для шкіл",
            description_uk="Десять генераторів, щоб школи працювали під час відключень.",
            unit="генераторів",
        ),
    ]
    offers = [
        offer,
        OfferFactory(title_en="Used fire engine", description_en="A fire engine, 2009."),
        OfferFactory(
            original_language="pl",
            title_en="",
            description_en="",
            title_pl="Agregaty prądotwórcze",
            description_pl="Pięć agregatów prądotwórczych dla szkół lub szpitali.",
            unit="szt.",
        ),
    ]
    ensure_embeddings(needs)
    ensure_embeddings(offers)
    return need, offer


@pytest.mark.parametrize("query", ["beds", "Betten", "ліжка"])
def test_with_translations_a_word_in_any_language_finds_both_postings(
    client, libretranslate, beds, query
):
    for posting in beds:
        translate_posting(posting._meta.label_lower, posting.pk)

    assert UK_TITLE in _titles(client, "/en/needs/", query)
    assert DE_TITLE in _titles(client, "/en/offers/", query)


def test_a_word_is_found_inside_a_german_compound(client, beds):
    assert _titles(client, "/de/offers/", "Betten") == [DE_TITLE]
    assert _titles(client, "/de/offers/", "bett") == [DE_TITLE]


def test_a_short_word_is_found_only_at_the_beginning_of_a_word(client, beds):
    assert _titles(client, "/en/offers/", "engi") == ["Used fire engine"]
    assert _titles(client, "/en/offers/", "gine") == ["Used fire engine"]  # four letters
    assert _titles(client, "/en/offers/", "ine") == []


def test_the_unit_is_searched_too(client, beds):
    assert _titles(client, "/en/offers/", "szt") == ["Agregaty prądotwórcze"]
    assert _titles(client, "/en/needs/", "генераторів") == ["Генератори для шкіл"]


def test_without_translations_meaning_finds_postings_in_other_languages(client, beds):
    assert _titles(client, "/en/needs/", "generator")[0] == "Генератори для шкіл"
    assert UK_TITLE in _titles(client, "/en/needs/", "hospital beds")
    assert DE_TITLE in _titles(client, "/en/offers/", "beds")


def test_nonsense_finds_nothing(client, beds):
    response = client.get("/en/needs/", {"q": "xyzzy"})
    assert not response.context["page"].object_list
    assert "No need matches your search." in response.content.decode()


def test_postings_with_the_words_come_before_those_only_close_in_meaning(client, beds):
    fire = NeedFactory(title_en="Fire brigade equipment", description_en="Hoses and helmets.")
    ensure_embeddings([fire])

    titles = _titles(client, "/en/needs/", "helmets")

    assert set(titles[:2]) == {"Fire hoses and helmets", "Fire brigade equipment"}


def test_a_search_is_sorted_by_relevance_unless_asked_otherwise(client, beds):
    assert client.get("/en/needs/", {"q": "beds"}).context["form"].filters().sort == "relevance"
    newest = client.get("/en/needs/", {"q": "beds", "sort": "newest"})
    assert newest.context["form"].filters().sort == "newest"


def test_the_query_is_embedded_once_and_then_read_from_the_cache(client, beds, monkeypatch):
    calls = []
    compute = embedding.embed

    def counting(texts):
        calls.append(texts)
        return compute(texts)

    monkeypatch.setattr(embedding, "embed", counting)
    for _ in range(3):
        _titles(client, "/en/needs/", "Hospital  BEDS")
        _titles(client, "/en/offers/", "hospital beds")

    assert calls == [["hospital beds"]]


def test_search_works_while_redis_is_down(client, beds, monkeypatch):
    def down(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(RedisCache, "get", down)
    monkeypatch.setattr(RedisCache, "set", down)

    assert UK_TITLE in _titles(client, "/en/needs/", "hospital beds")


def test_search_without_the_vectors_is_by_words(client, beds, monkeypatch):
    monkeypatch.setattr(search, "_provider", None)

    assert _titles(client, "/en/needs/", "hospital beds") == []
    assert _titles(client, "/de/offers/", "Betten") == [DE_TITLE]


def test_the_query_vector_is_centred(beds):
    vector = search.query_vector("hospital beds")
    raw = embedding.embed(["hospital beds"])[0]

    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
    assert float(vector @ raw) < 0.8  # the common direction is gone


def test_a_search_makes_as_many_queries_for_many_results(client, libretranslate, page_queries):
    def posting():
        need = ukrainian_need(MunicipalityFactory())
        translate_posting(need._meta.label_lower, need.pk)
        ensure_embeddings([need])

    for _ in range(2):
        posting()
    few = page_queries(client, "/de/needs/?q=Betten", at_most=12)
    for _ in range(5):
        posting()

    assert page_queries(client, "/de/needs/?q=Betten", at_most=few) <= few
