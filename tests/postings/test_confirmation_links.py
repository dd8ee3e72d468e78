"""The reminder's one-click links: valid without login, and only a button press changes
anything."""

import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from postings.models import Posting, PostingChange
from postings.services.lifecycle import Answer
from postings.services.staleness import LINK_VALIDITY, confirmation_token, confirmation_urls
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _link(posting: Posting, answer: str) -> str:
    return reverse("postings:confirm_by_link", args=[confirmation_token(posting, answer)])


def _history(posting: Posting) -> list[str]:
    return list(PostingChange.objects.filter(object_id=posting.pk).values_list("action", flat=True))


def _main(response) -> str:
    """The page's own content, without the header and footer of the layout."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_opening_a_link_changes_nothing(need, client):
    before = Posting.Status.PUBLISHED, need.last_confirmed_at
    for url in confirmation_urls(need).values():
        response = client.get(url)
        assert response.status_code == 200
        assert "Hospital beds" in response.content.decode()
    need.refresh_from_db()
    assert (need.status, need.last_confirmed_at) == before
    assert _history(need) == []


def test_the_page_shows_the_answer_with_one_button_that_posts(need, client):
    content = _main(client.get(_link(need, Answer.PARTLY_COVERED)))
    assert "Partly covered, but still current" in content
    assert content.count("<form") == content.count('method="post"') == 1
    assert content.count("<button") == 1
    assert "csrfmiddlewaretoken" in content


def test_still_current_confirms_without_login(need, client):
    response = client.post(_link(need, Answer.STILL_CURRENT))
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert need.get_absolute_url() in response.content.decode()
    old = need.last_confirmed_at
    need.refresh_from_db()
    assert need.status == Posting.Status.PUBLISHED
    assert need.last_confirmed_at > old
    entry = PostingChange.objects.get(object_id=need.pk)
    assert (entry.action, entry.user, entry.note) == ("confirmed", None, Answer.STILL_CURRENT)


def test_partly_covered_marks_the_posting_partly_covered(municipality, official, client):
    offer = OfferFactory(municipality=municipality, contact=official)
    client.post(_link(offer, Answer.PARTLY_COVERED))
    offer.refresh_from_db()
    assert offer.status == Posting.Status.PARTLY_COVERED


def test_done_fulfils_the_posting(need, client):
    response = client.post(_link(need, Answer.DONE))
    assert need.get_absolute_url() in response.content.decode()
    need.refresh_from_db()
    assert need.status == Posting.Status.FULFILLED
    assert need.closed_at is not None
    assert _history(need) == [PostingChange.Action.FULFILLED]


def test_the_button_needs_the_csrf_token_of_our_page(need):
    client = Client(enforce_csrf_checks=True)
    url = _link(need, Answer.STILL_CURRENT)
    assert client.post(url).status_code == 403
    token = client.get(url).context["csrf_token"]
    assert client.post(url, {"csrfmiddlewaretoken": str(token)}).status_code == 200
    need.refresh_from_db()
    assert _history(need) == [PostingChange.Action.CONFIRMED]


def test_an_expired_link_shows_a_friendly_page(need, client):
    issued = int(time.time()) - int(LINK_VALIDITY.total_seconds()) - 60
    with mock.patch("django.core.signing.time.time", return_value=issued):
        url = _link(need, Answer.STILL_CURRENT)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This link has expired or is invalid" in response.content.decode()
    need.refresh_from_db()
    assert _history(need) == []


@pytest.mark.parametrize(
    "token",
    [
        "garbled",
        "eyJtb2RlbCI6Im5lZWRzLm5lZWQifQ:1uAbCd:forged-signature",
        signing.dumps({"model": "needs.need", "pk": 1, "answer": "done"}, salt="another.salt"),
    ],
    ids=["garbled", "forged", "signed-for-something-else"],  # a signature changes every second
)
def test_a_garbled_or_forged_link_shows_a_friendly_page(need, client, token):
    url = reverse("postings:confirm_by_link", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This link has expired or is invalid" in response.content.decode()


def test_a_signed_link_to_something_else_is_refused_too(need, municipality, client):
    for url in (
        _link(municipality, Answer.DONE),  # not a posting model
        _link(need, "burn-it-down"),  # not an answer
    ):
        assert client.post(url).status_code == 400
    deleted = NeedFactory.build(pk=987654)
    assert client.get(_link(deleted, Answer.DONE)).status_code == 400
    need.refresh_from_db()
    assert need.status == Posting.Status.PUBLISHED


def test_a_link_to_a_withdrawn_posting_explains_and_changes_nothing(need, client):
    type(need).objects.filter(pk=need.pk).update(status=Posting.Status.WITHDRAWN)
    url = _link(need, Answer.STILL_CURRENT)

    page = _main(client.get(url))
    assert "no longer open" in page
    assert "<form" not in page

    response = client.post(url)
    assert response.status_code == 200
    assert "no longer open" in response.content.decode()
    need.refresh_from_db()
    assert need.status == Posting.Status.WITHDRAWN
    assert _history(need) == []
