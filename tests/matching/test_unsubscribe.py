"""The unsubscribe link in every match email: valid without login, and only the button on its
page turns the emails off."""

import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from accounts.models import User
from matching.notifications import notify_new_matches
from matching.unsubscribe import LINK_VALIDITY, unsubscribe_token
from tests.factories import MatchFactory

pytestmark = pytest.mark.django_db

INVALID = "This link has expired or is invalid"


def _link(user: User) -> str:
    return reverse("matching:unsubscribe", args=[unsubscribe_token(user)])


def _main(response) -> str:
    """The page's own content, without the header and footer of the layout."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def _preference(user: User) -> str:
    user.refresh_from_db()
    return user.match_emails


@pytest.fixture
def match(municipality, other_municipality, official, outsider):
    return MatchFactory(
        need__municipality=municipality,
        need__contact=official,
        offer__municipality=other_municipality,
        offer__contact=outsider,
    )


def test_the_link_in_a_match_email_works_without_login(
    match, official, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_new_matches([match])
    [email] = [message for message in mail.outbox if message.to == [official.email]]
    url = re.search(r"https?://\S+(/en/matches/unsubscribe/\S+/)", email.body).group(1)
    assert url in email.alternatives[0][0]

    response = client.get(url)
    assert response.status_code == 200
    assert official.email in _main(response)
    assert _preference(official) == User.MatchEmails.IMMEDIATELY

    response = client.post(url)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert _preference(official) == User.MatchEmails.OFF


def test_opening_the_link_only_asks_with_one_button_that_posts(official, client):
    content = _main(client.get(_link(official)))
    assert "Stop emails about new matches?" in content
    assert content.count("<form") == content.count('method="post"') == 1
    assert content.count("<button") == 1
    assert "csrfmiddlewaretoken" in content
    assert _preference(official) == User.MatchEmails.IMMEDIATELY


def test_the_button_needs_the_csrf_token_of_our_page(official):
    client = Client(enforce_csrf_checks=True)
    url = _link(official)
    assert client.post(url).status_code == 403
    assert _preference(official) == User.MatchEmails.IMMEDIATELY
    token = client.get(url).context["csrf_token"]
    assert client.post(url, {"csrfmiddlewaretoken": str(token)}).status_code == 200
    assert _preference(official) == User.MatchEmails.OFF


def test_a_second_visit_says_it_is_done(official, client):
    url = _link(official)
    client.post(url)
    content = _main(client.get(url))
    assert "You are unsubscribed" in content
    assert "<button" not in content


def test_the_link_turns_off_only_its_own_user(official, manager, client):
    client.post(_link(official))
    assert _preference(manager) == User.MatchEmails.IMMEDIATELY


def test_after_unsubscribing_no_match_email_arrives(
    match, official, outsider, client, django_capture_on_commit_callbacks
):
    client.post(_link(official))
    with django_capture_on_commit_callbacks(execute=True):
        notify_new_matches([match])
    assert [message.to for message in mail.outbox] == [[outsider.email]]


def test_an_expired_link_shows_a_friendly_page(official, client):
    issued = int(time.time()) - int(LINK_VALIDITY.total_seconds()) - 60
    with mock.patch("django.core.signing.time.time", return_value=issued):
        url = _link(official)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert INVALID in response.content.decode()
        assert reverse("accounts:notifications") in response.content.decode()
    assert _preference(official) == User.MatchEmails.IMMEDIATELY


# Signed when the test runs, not when it is collected: parallel workers collect the same ids.
TOKENS = {
    "garbled": lambda: "garbled",
    "forged": lambda: "eyJ1c2VyIjoxfQ:1uAbCd:forged-signature",
    "signed-for-something-else": lambda: signing.dumps({"user": 1}, salt="postings.confirmation"),
    "nobody": lambda: signing.dumps({"user": 987654}, salt="matching.unsubscribe"),
    "not-a-dict": lambda: signing.dumps(["not", "a", "dict"], salt="matching.unsubscribe"),
}


@pytest.mark.parametrize("token", TOKENS)
def test_a_tampered_or_foreign_link_shows_a_friendly_page(official, client, token):
    url = reverse("matching:unsubscribe", args=[TOKENS[token]()])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert INVALID in response.content.decode()
    assert _preference(official) == User.MatchEmails.IMMEDIATELY


def test_a_forged_user_id_is_refused(official, manager, client):
    """Swapping the user id inside a valid token breaks its signature."""
    token = unsubscribe_token(official)
    payload = signing.b64_encode(f'{{"user":{manager.pk}}}'.encode()).decode()
    forged = ":".join([payload, *token.split(":")[1:]])
    assert client.post(reverse("matching:unsubscribe", args=[forged])).status_code == 400
    assert _preference(manager) == User.MatchEmails.IMMEDIATELY


def test_the_page_is_in_the_language_of_the_link(manager, client):
    response = client.get(_link(manager).replace("/en/", "/uk/", 1))
    assert response.status_code == 200
    assert '<html lang="uk"' in response.content.decode()
