"""Browsing needs and offers: filters, search in any language, sorting, counts, pagination."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from municipalities.models import Municipality
from postings.models import HelpKind, Posting, Sector, Topic
from tests.factories import MembershipFactory, MunicipalityFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

Status = Posting.Status


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [posting.display_title for posting in response.context["page"]]


def _firefighting() -> dict:
    return {
        "sector": Sector.objects.get(slug="civil-protection"),
        "topic": Topic.objects.get(slug="firefighting"),
    }


@pytest.fixture
def beds(municipality):
    return NeedFactory(municipality=municipality, title_en="Hospital beds")


@pytest.mark.parametrize(
    ("query", "other"),
    [
        ({"sector": "civil-protection"}, _firefighting),
        ({"topic": "firefighting"}, _firefighting),
        ({"help_kind": "expertise"}, lambda: {"help_kind": HelpKind.objects.get(slug="expertise")}),
        ({"status": "partly_covered"}, lambda: {"status": Status.PARTLY_COVERED}),
        ({"language": "de"}, lambda: {"original_language": "de", "title_de": "Gesucht"}),
        ({"country": "DE"}, lambda: {"municipality": MunicipalityFactory(country="DE")}),
        (
            {"municipality": "esslingen"},
            lambda: {"municipality": Municipality.objects.get(slug="esslingen")},
        ),
    ],
)
def test_each_filter_narrows_the_list(client, beds, other_municipality, query, other):
    NeedFactory(title_en="The other one", **other())
    assert sorted(_titles(client.get("/en/needs/"))) == ["Hospital beds", "The other one"]
    assert _titles(client.get("/en/needs/", query)) == ["The other one"]


def test_filters_combine(client, beds, municipality, other_municipality):
    NeedFactory(title_en="Fire hoses", municipality=other_municipality, **_firefighting())
    NeedFactory(title_en="Fire engine", municipality=municipality, **_firefighting())
    query = {"sector": "civil-protection", "country": "UA"}
    assert _titles(client.get("/en/needs/", query)) == ["Fire engine"]


def test_search_finds_a_ukrainian_need_by_the_beginning_of_a_word(client, beds):
    NeedFactory(
        original_language="uk",
        title_en="",
        description_en="",
        title_uk="Потрібні лікарняні ліжка",
        description_uk="Для обласної лікарні.",
    )
    assert _titles(client.get("/en/needs/", {"q": "ліжк"})) == ["Потрібні лікарняні ліжка"]


def test_search_finds_a_german_offer_by_a_german_word(client, municipality):
    OfferFactory(
        original_language="de",
        title_en="",
        description_en="",
        title_de="Gebrauchte Feuerwehr-Ausrüstung",
        description_de="Schläuche und Helme, gut erhalten.",
    )
    OfferFactory(title_en="School desks")
    response = client.get("/de/offers/", {"q": "Feuerwehr"})
    assert _titles(response) == ["Gebrauchte Feuerwehr-Ausrüstung"]


def test_search_finds_english_words_in_the_description_too(client, beds):
    NeedFactory(title_en="Diesel generators", description_en="For the water works and shelters.")
    assert _titles(client.get("/en/needs/", {"q": "shelters"})) == ["Diesel generators"]
    assert _titles(client.get("/en/needs/", {"q": "diesel gener"})) == ["Diesel generators"]
    assert _titles(client.get("/en/needs/", {"q": "diesel ambulance"})) == []


def test_search_finds_a_translation_too(client):
    NeedFactory(original_language="uk", title_uk="Генератори", title_en="Generators for schools")
    assert _titles(client.get("/en/needs/", {"q": "генератор"})) == ["Generators for schools"]


def test_search_does_not_show_what_is_not_public(client, municipality, pending_municipality):
    NeedFactory(title_en="Generators, public")
    NeedFactory(title_en="Generators, draft", status=Status.DRAFT, published_at=None)
    NeedFactory(title_en="Generators, withdrawn", status=Status.WITHDRAWN)
    NeedFactory(title_en="Generators, expired", status=Status.EXPIRED)
    NeedFactory(title_en="Generators, hidden", hidden_at=timezone.now())
    NeedFactory(title_en="Generators, pending town", municipality=pending_municipality)
    assert _titles(client.get("/en/needs/", {"q": "generators"})) == ["Generators, public"]
    assert _titles(client.get("/en/needs/")) == ["Generators, public"]


def test_fulfilled_postings_stay_visible_and_filterable(client, beds):
    NeedFactory(title_en="Blankets", status=Status.FULFILLED)
    assert _titles(client.get("/en/needs/", {"status": "fulfilled"})) == ["Blankets"]


def test_newest_come_first_by_default(client):
    now = timezone.now()
    NeedFactory(title_en="Older", published_at=now - timedelta(days=3))
    NeedFactory(title_en="Newer", published_at=now - timedelta(days=1))
    assert _titles(client.get("/en/needs/")) == ["Newer", "Older"]


def test_sorting_by_deadline_puts_the_soonest_first_and_undated_last(client):
    today = date.today()
    NeedFactory(title_en="Later", needed_by=today + timedelta(days=30))
    NeedFactory(title_en="Whenever", needed_by=None)
    NeedFactory(title_en="Soon", needed_by=today + timedelta(days=3))
    assert _titles(client.get("/en/needs/", {"sort": "deadline"})) == ["Soon", "Later", "Whenever"]


def test_offers_sort_by_their_availability_date(client):
    today = date.today()
    OfferFactory(title_en="Long", available_until=today + timedelta(days=90))
    OfferFactory(title_en="Short", available_until=today + timedelta(days=5))
    assert _titles(client.get("/en/offers/", {"sort": "deadline"})) == ["Short", "Long"]


def test_relevance_without_a_search_falls_back_to_newest(client):
    now = timezone.now()
    NeedFactory(title_en="Older", published_at=now - timedelta(days=3))
    NeedFactory(title_en="Newer", published_at=now - timedelta(days=1))
    assert _titles(client.get("/en/needs/", {"sort": "relevance"})) == ["Newer", "Older"]


@pytest.mark.parametrize(
    "query",
    [
        {"sector": "no-such-sector"},
        {"country": "ZZ"},
        {"status": "draft"},
        {"status": "withdrawn"},
        {"language": "xx"},
        {"sort": "cheapest"},
        {"municipality": "taurage"},
        {"sector": "health", "topic": "firefighting"},
        {"q": "x" * 201},
    ],
)
def test_a_bad_filter_shows_a_form_error_not_a_500(client, beds, pending_municipality, query):
    response = client.get("/en/needs/", query)
    assert response.status_code == 200
    field = "topic" if "topic" in query else next(iter(query))
    assert response.context["form"].errors[field]
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_bad_filter_is_ignored_while_the_good_ones_apply(client, beds, other_municipality):
    NeedFactory(title_en="Fire engine", municipality=other_municipality)
    response = client.get("/en/needs/", {"country": "DE", "sector": "nonsense"})
    assert _titles(response) == ["Fire engine"]


def test_only_countries_and_municipalities_with_public_postings_are_offered(
    client, beds, other_municipality, pending_municipality
):
    NeedFactory(municipality=pending_municipality)
    OfferFactory(municipality=other_municipality)
    form = client.get("/en/needs/").context["form"]
    assert [code for code, _name in form.fields["country"].choices] == ["", "UA"]
    assert [slug for slug, _name in form.fields["municipality"].choices] == [
        "",
        "kamianets-podilskyi",
    ]


def test_the_result_count_is_shown_with_plural_forms(client, beds):
    assert "1 need found" in client.get("/en/needs/").content.decode()
    NeedFactory()
    assert "2 needs found" in client.get("/en/needs/").content.decode()
    assert "0 offers found" in client.get("/en/offers/").content.decode()


def test_the_page_is_titled_after_the_kind_of_posting(client):
    content = client.get("/en/offers/").content.decode()
    assert "<h1>Offers</h1>" in content
    assert content.count("<h1") == 1


def test_cards_show_what_a_reader_needs_to_decide(client, beds):
    beds.needed_by = date(2031, 5, 17)
    beds.quantity_covered = 5
    beds.save()
    content = client.get("/en/needs/").content.decode()
    assert "Hospital beds" in content
    assert "Kamianets-Podilskyi" in content
    assert "Ukraine" in content
    assert "Health and medical care" in content
    assert "Medical equipment" in content
    assert "Goods" in content
    assert "Still needed: 15 of 20 beds" in content
    assert "Needed by May 17, 2031" in content
    assert "Published" in content


def test_titles_and_names_are_shown_in_the_readers_language(client, municipality):
    NeedFactory(municipality=municipality, title_en="Generators", title_uk="Генератори")
    content = client.get("/uk/needs/").content.decode()
    assert "Генератори" in content
    assert "Кам&#x27;янець-Подільський" in content


def test_pages_of_25_keep_the_filters_in_their_links(client, municipality):
    NeedFactory.create_batch(26, municipality=municipality)
    first = client.get("/en/needs/", {"country": "UA"})
    assert len(first.context["page"]) == 25
    assert "?country=UA&amp;page=2" in first.content.decode()
    second = client.get("/en/needs/", {"country": "UA", "page": 2})
    assert len(second.context["page"]) == 1


def test_the_csv_link_carries_the_filters(client, beds):
    content = client.get("/en/needs/", {"country": "UA", "q": "beds"}).content.decode()
    assert 'href="/en/needs/export.csv?country=UA&amp;q=beds"' in content


def test_officials_get_a_link_to_post_a_need(official_client, client, beds):
    assert 'href="/en/needs/new/"' in official_client.get("/en/needs/").content.decode()
    assert 'href="/en/needs/new/"' not in client.get("/en/needs/").content.decode()


def test_members_of_a_pending_municipality_get_no_link_to_post(client, pending_municipality):
    member = MembershipFactory(municipality=pending_municipality).user
    client.force_login(member)
    assert 'href="/en/offers/new/"' not in client.get("/en/offers/").content.decode()
