"""Each user chooses how they hear about new matches: at once, in a daily digest, or not."""

import re

import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

URL = reverse("accounts:notifications")


def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_shows_the_current_choice(official, official_client):
    official.match_emails = User.MatchEmails.DAILY
    official.save()

    response = official_client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r'<input[^>]*value="daily"[^>]*checked', content)
    assert not re.search(r'<input[^>]*value="immediately"[^>]*checked', content)
    assert content.count('type="radio"') == 3


def test_it_saves_the_choice(official, official_client):
    response = official_client.post(URL, {"match_emails": "daily"})

    assert response.status_code == 302
    assert response["Location"] == URL
    official.refresh_from_db()
    assert official.match_emails == User.MatchEmails.DAILY
    follow = official_client.get(URL)
    assert "Your notification settings are saved." in follow.content.decode()


def test_it_changes_nothing_else(official, official_client):
    official.language = "de"
    official.first_name = "Olena"
    official.save()

    official_client.post(reverse("accounts:notifications"), {"match_emails": "off"})

    official.refresh_from_db()
    assert (official.match_emails, official.language, official.first_name) == ("off", "de", "Olena")


def test_an_unknown_choice_is_refused(official, official_client):
    response = official_client.post(URL, {"match_emails": "hourly"})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    official.refresh_from_db()
    assert official.match_emails == User.MatchEmails.IMMEDIATELY


def test_each_user_changes_only_their_own(official, manager, official_client):
    official_client.post(URL, {"match_emails": "off"})
    manager.refresh_from_db()
    assert manager.match_emails == User.MatchEmails.IMMEDIATELY


def test_it_is_listed_in_the_account_settings(official_client):
    response = official_client.get(reverse("account_email"))
    assert f'href="{URL}"' in response.content.decode()
