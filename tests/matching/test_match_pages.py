"""A match's page (both postings side by side, reasons, actions), a posting's matches and a
municipality's matches, best first, in a constant number of queries."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from matching import services
from matching.models import Match
from matching.selectors import matches_for_posting
from postings.models import Posting
from tests.factories import (
    REASONS,
    MatchFactory,
    MunicipalityFactory,
    NeedFactory,
    OfferFactory,
    match_url,
    reload_match,
)

pytestmark = pytest.mark.django_db
Status = Match.Status


@pytest.fixture
def need_fields():
    """The need is written in Ukrainian."""
    return {
        "original_language": "uk",
        "title_uk": "Лікарняні ліжка",
        "description_uk": "Двадцять ліжок для лікарні.",
    }


@pytest.fixture
def match(need, offering, giver):
    offer = OfferFactory(
        municipality=offering,
        contact=giver,
        original_language="de",
        title_en="",
        description_en="",
        title_de="Krankenhausbetten abzugeben",
        description_de="Zwanzig Pflegebetten.",
    )
    return MatchFactory(need=need, offer=offer, score=0.83, reasons=REASONS)


# The match page


def test_the_page_shows_both_postings_in_the_readers_language(manager_client, match):
    page = manager_client.get(match_url(match, language="uk")).content.decode()

    assert "Лікарняні ліжка" in page
    assert "Krankenhausbetten abzugeben" in page  # no translation: shown as written
    assert 'lang="de"' in page
    assert "83%" in page


def test_the_page_gives_the_reasons_and_the_status(official_client, match):
    page = official_client.get(match_url(match)).content.decode()

    assert "same topic: Medical equipment" in page
    assert "offer covers 20 of 20 beds" in page
    assert "Suggested" in page
    assert f'action="/en/matches/{match.pk}/contact/"' in page


def test_contacting_with_a_first_message_starts_the_conversation(official_client, match):
    response = official_client.post(match_url(match, "contact"), {"body": "Are they still there?"})

    assert response.status_code == 302
    match = reload_match(match)
    assert match.status == Status.CONTACTED
    page = official_client.get(match_url(match)).content.decode()
    assert "Are they still there?" in page
    assert f'action="/en/matches/{match.pk}/messages/#message-form"' in page


def test_the_two_cities_agree_and_the_receiving_city_confirms_the_delivery(
    official_client, giver_client, match
):
    giver_client.post(match_url(match, "contact"))
    giver_client.post(match_url(match, "agree"), {"quantity": "20", "revision": "0"})
    assert reload_match(match).status == Status.CONTACTED
    official_client.post(match_url(match, "accept"), {"revision": "1"})
    assert reload_match(match).status == Status.AGREED
    page = giver_client.get(match_url(match)).content.decode()
    assert f'action="/en/matches/{match.pk}/deliver/"' not in page

    official_client.post(match_url(match, "deliver"), {"quantity": "20"})

    match = reload_match(match)
    assert match.status == Status.DELIVERED
    assert match.need.status == Posting.Status.FULFILLED
    assert match.need.quantity_covered == Decimal(20)


def test_the_offering_city_does_not_confirm_a_delivery(official, giver, giver_client, match):
    services.match_contact(user=official, match=match)
    services.match_agree(user=official, match=match, quantity=Decimal(20))
    services.match_accept(user=giver, match=match)

    response = giver_client.post(match_url(match, "deliver"), {"quantity": "20"})

    assert response.status_code == 403
    assert reload_match(match).status == Status.AGREED


def test_a_quantity_above_what_is_needed_is_refused_with_a_message(
    official, official_client, match
):
    services.match_contact(user=official, match=match)

    response = official_client.post(match_url(match, "agree"), {"quantity": "25"})

    assert response.status_code == 400
    assert "At most 20 beds are still needed." in response.content.decode()
    assert reload_match(match).status == Status.CONTACTED


def test_dismissing_through_the_page(giver_client, match):
    giver_client.post(match_url(match, "dismiss"), {"side": "offer"})

    match = reload_match(match)
    assert match.status == Status.DISMISSED
    assert match.dismissed_by == "offer"


def test_actions_are_posts_only(official_client, match):
    assert official_client.get(match_url(match, "contact")).status_code == 405
    assert reload_match(match).status == Status.SUGGESTED


# A posting's matches


@pytest.fixture
def three_matches(need, match):
    """The need's match with Lublin (0.83), a better one and a dismissed one."""
    better = Match.objects.create(need=need, offer=OfferFactory(), score=0.91, reasons=REASONS)
    dismissed = Match.objects.create(
        need=need, offer=OfferFactory(), score=0.95, status=Status.DISMISSED
    )
    return better, match, dismissed


def test_the_needs_city_sees_all_its_matches_best_first(official, need, three_matches):
    better, match, _dismissed = three_matches

    assert matches_for_posting(need, official) == [better, match]


def test_the_other_city_sees_only_the_matches_with_its_own_postings(giver, need, three_matches):
    _better, match, _dismissed = three_matches

    assert matches_for_posting(need, giver) == [match]


def test_staff_see_all_of_a_postings_matches(staff, need, three_matches):
    assert len(matches_for_posting(need, staff)) == 2


def test_outsiders_and_visitors_see_none(outsider, need, three_matches):
    assert matches_for_posting(need, outsider) == []
    assert matches_for_posting(need, AnonymousUser()) == []


def test_the_include_lists_a_postings_matches_with_their_reasons(official, need, three_matches):
    better, match, _dismissed = three_matches

    html = render_to_string(
        "matching/_matches_for_posting.html", {"matches": matches_for_posting(need, official)}
    )

    assert html.index(f"/en/matches/{better.pk}/") < html.index(f"/en/matches/{match.pk}/")
    assert "Krankenhausbetten abzugeben" in html
    assert "same topic: Medical equipment" in html


def test_the_include_says_when_there_are_none_only_when_asked():
    assert "No matches yet" not in render_to_string("matching/_matches_for_posting.html", {})
    assert "No matches yet" in render_to_string(
        "matching/_matches_for_posting.html", {"matches": [], "show_empty": True}
    )


# A municipality's matches


def _municipality_url(slug: str) -> str:
    return f"/en/matches/municipality/{slug}/"


def test_a_municipality_sees_its_active_matches_best_first(official_client, municipality, need):
    offering_side = MunicipalityFactory()
    own_offer = OfferFactory(municipality=municipality, title_en="Fire hoses to give")
    low = Match.objects.create(need=need, offer=OfferFactory(), score=0.5)
    high = Match.objects.create(
        need=NeedFactory(municipality=offering_side), offer=own_offer, score=0.9
    )
    Match.objects.create(need=need, offer=OfferFactory(), score=0.99, status=Status.DISMISSED)
    Match.objects.create(need=need, offer=OfferFactory(), score=0.98, status=Status.CLOSED)

    page = official_client.get(_municipality_url(municipality.slug)).content.decode()

    assert page.index(f"/en/matches/{high.pk}/") < page.index(f"/en/matches/{low.pk}/")
    assert page.count('class="match-item"') == 2
    assert "Fire hoses to give" in page  # the municipality's own posting in each match


def test_only_members_and_staff_see_a_municipalitys_matches(
    outsider_client, staff_client, client, municipality
):
    url = _municipality_url(municipality.slug)

    assert outsider_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 200
    assert "/accounts/login/" in client.get(url)["Location"]


def test_the_municipality_matches_page_takes_a_constant_number_of_queries(
    official_client, municipality, page_queries
):
    url = _municipality_url(municipality.slug)

    def add_matches(count: int) -> None:
        for number in range(count):
            Match.objects.create(
                need=NeedFactory(municipality=municipality),
                offer=OfferFactory(topic=None),
                score=0.5 + number / 100,
                reasons=REASONS,
            )

    add_matches(2)
    few = page_queries(official_client, url, at_most=12)
    add_matches(10)
    page_queries(official_client, url, at_most=few)


def test_the_match_page_takes_a_constant_number_of_queries(
    official, official_client, match, page_queries
):
    services.match_contact(user=official, match=match)
    services.message_post(user=official, match=match, body="First")
    few = page_queries(official_client, match_url(match), at_most=25)
    for number in range(10):
        services.message_post(user=official, match=match, body=f"Message {number}")
    page_queries(official_client, match_url(match), at_most=few)


# The admin


def test_admins_see_the_history_of_the_agreement_on_the_match(staff_client, official, giver, match):
    services.match_contact(user=official, match=match)
    services.match_agree(user=giver, match=match, quantity=5)

    page = staff_client.get(f"/en/admin/matching/match/{match.pk}/change/").content.decode()

    assert "proposed a quantity" in page
    assert giver.display_name in page


def test_admins_list_search_and_open_matches_and_conversations(staff_client, official, match):
    services.match_contact(user=official, match=match)
    message = services.message_post(user=official, match=match, body="Hello from Kamianets")
    conversation = message.conversation

    listing = staff_client.get("/en/admin/matching/match/?status__exact=contacted&q=Krankenhaus")
    assert listing.status_code == 200
    assert f"/en/admin/matching/match/{match.pk}/change/" in listing.content.decode()
    for url in (
        f"/en/admin/matching/match/{match.pk}/change/",
        f"/en/admin/matching/conversation/{conversation.pk}/change/",
        "/en/admin/matching/message/?q=Kamianets",
    ):
        response = staff_client.get(url)
        assert response.status_code == 200
    assert "Hello from Kamianets" in response.content.decode()
