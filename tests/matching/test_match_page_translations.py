"""A match's page and the lists of matches show the other city's posting in the reader's
language where the worker translated it, marked, with a switch to the texts as written."""

import pytest

from matching import services
from matching.models import Message
from matching.tasks import deliver_message
from postings.tasks import translate_posting
from tests.factories import MatchFactory, MunicipalityFactory, match_url
from tests.postings.languages import BEDS_UK, german_offer, ukrainian_need

pytestmark = pytest.mark.django_db

DE_NEED_TITLE = "Krankenhausbetten und Patientenmonitore"


@pytest.fixture
def translated(libretranslate, across):
    for posting in (across.need, across.offer):
        translate_posting(posting._meta.label_lower, posting.pk)
    return across


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_german_official_reads_the_ukrainian_need_in_german(client, german, translated):
    content = _page(client, german, match_url(translated, language="de"))

    assert '<h2 id="need-title" lang="de">' in content
    assert DE_NEED_TITLE in content
    assert "Das regionale Krankenhaus benötigt" in content
    assert 'href="?original=1"' in content


def test_the_machine_translation_is_marked_and_the_switch_shows_the_originals(
    client, german, translated
):
    translated_page = _page(client, german, match_url(translated))
    written = _page(client, german, match_url(translated) + "?original=1")

    assert "Machine translated from Ukrainian." in translated_page
    assert "Hospital beds and patient monitors" in translated_page
    assert BEDS_UK["title_uk"] in written
    assert "Hospital beds and patient monitors" not in written
    assert "The postings and messages are shown as written." in written


def test_without_a_translation_service_the_page_says_so(client, german, across):
    content = _page(client, german, match_url(across))

    assert "Machine translation is not set up on this platform" in content
    assert BEDS_UK["title_uk"] in content


def test_lists_of_matches_show_the_translated_title(client, german, translated):
    content = _page(
        client, german, f"/en/matches/municipality/{translated.offer.municipality.slug}/"
    )

    assert "Hospital beds and patient monitors" in content
    assert "(machine translated)" in content


def test_the_match_page_makes_no_query_per_message_or_translation(
    client, german, ukrainian, translated, page_queries, django_capture_on_commit_callbacks
):
    services.match_contact(user=german, match=translated)
    client.force_login(ukrainian)

    def write(count: int) -> None:
        for number in range(count):
            message = Message.objects.create(
                conversation=translated.conversation, author=german, body=f"Nachricht {number}"
            )
            with django_capture_on_commit_callbacks(execute=True):
                deliver_message(message.pk)

    write(2)
    few = page_queries(client, match_url(translated, language="uk"), at_most=30)
    write(5)

    assert page_queries(client, match_url(translated, language="uk"), at_most=few) <= few


def test_the_list_of_matches_makes_no_query_per_translated_match(
    client, german, translated, page_queries
):
    url = f"/de/matches/municipality/{translated.offer.municipality.slug}/"
    client.force_login(german)
    few = page_queries(client, url, at_most=20)
    for _ in range(4):
        need = ukrainian_need(MunicipalityFactory())
        translate_posting(need._meta.label_lower, need.pk)
        MatchFactory(need=need, offer=german_offer(translated.offer.municipality))

    assert page_queries(client, url, at_most=few) <= few
