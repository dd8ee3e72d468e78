"""Two officials of the two cities press "agree" with different quantities at the same moment,
each on their own database connection: one proposal is recorded, the other request sees a
conflict with the current value, and nothing is lost, through the API and the pages alike."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from matching import services
from matching.models import Match
from tests.api.clients import token_client
from tests.factories import match_url, reload_match

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(*requests) -> list:
    """Run the requests in threads released together; their answers in the same order."""
    start, answers = threading.Barrier(len(requests)), [None] * len(requests)

    def run(index: int, request) -> None:
        start.wait()
        try:
            answers[index] = request()
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=item) for item in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.fixture
def contacted(match, official) -> Match:
    services.match_contact(user=official, match=match)
    return match


def test_two_agrees_through_the_api_record_one_and_show_the_other_the_conflict(
    contacted, official, giver
):
    url = f"/api/v1/matches/{contacted.uuid}/agree/"
    need_api, offer_api = token_client(official), token_client(giver)

    answers = _at_once(
        lambda: need_api.post(url, {"quantity": 12, "revision": 0}, format="json"),
        lambda: offer_api.post(url, {"quantity": 15, "revision": 0}, format="json"),
    )

    assert sorted(answer.status_code for answer in answers) == [200, 409]
    won, lost = sorted(answers, key=lambda answer: answer.status_code)
    match = reload_match(contacted)
    assert match.status == Match.Status.CONTACTED
    assert match.proposed_quantity == Decimal(won.json()["proposed_quantity"])
    assert match.revision == 1
    assert lost.json()["code"] == "agreement_changed"
    assert lost.json()["current"]["proposed_quantity"] == won.json()["proposed_quantity"]
    assert lost.json()["current"]["revision"] == 1


def test_two_agrees_through_the_pages_record_one_and_show_the_other_the_current_value(
    contacted, official, giver
):
    need_client, offer_client = Client(), Client()
    need_client.force_login(official)
    offer_client.force_login(giver)
    url = match_url(contacted, "agree")

    answers = _at_once(
        lambda: need_client.post(url, {"quantity": "12", "revision": "0"}),
        lambda: offer_client.post(url, {"quantity": "15", "revision": "0"}),
    )

    assert sorted(answer.status_code for answer in answers) == [302, 409]
    lost = next(answer for answer in answers if answer.status_code == 409)
    match = reload_match(contacted)
    page = lost.content.decode()
    shown = "12 beds" if match.proposed_quantity == 12 else "15 beds"
    assert f"proposes {shown}: accept it, or propose another quantity" in page
    assert match.proposed_by in ("need", "offer")
    assert match.revision == 1
