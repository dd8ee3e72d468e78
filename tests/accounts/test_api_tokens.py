"""An official creates, names and revokes API tokens on their account page: a token is shown
once and stored only as a digest; it works for the API until it expires or is revoked, and the
page shows when it was last used."""

import re
import time
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.crypto import hash_token
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts import api_auth
from accounts.models import ApiTokenDetails
from accounts.services import TOKENS_PER_USER, api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/en/accounts/api-tokens/"
ME = "/api/v1/me/"
TOKEN = re.compile(r"c4c_[0-9a-f]{20,}")


def _form_key(client: Client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.context["form"]["form_key"].value()


def _create(client: Client, name: str = "Needs register", lifetime: str = "90", **data):
    form = {"name": name, "lifetime": lifetime, "form_key": _form_key(client), **data}
    return client.post(PAGE, form)


def _shown_token(response) -> str:
    found = TOKEN.findall(response.content.decode())
    assert len(found) == 1, "the new token is on the page, once"
    return found[0]


def _api(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_the_account_menu_links_to_the_page(manager_client):
    page = manager_client.get("/en/accounts/notifications/").content.decode()
    assert f'href="{PAGE}"' in page


def test_a_new_token_is_shown_once(manager_client, manager):
    response = _create(manager_client)
    assert response.status_code == 200
    token = _shown_token(response)
    assert "no-store" in response["Cache-Control"]

    again = manager_client.get(PAGE)
    assert token not in again.content.decode()
    assert token[:15] in again.content.decode(), "its first characters tell it apart"
    assert "Needs register" in again.content.decode()


def test_resending_the_form_creates_no_second_token_and_shows_none(manager_client, manager):
    form = {"name": "Needs register", "lifetime": "90", "form_key": _form_key(manager_client)}
    token = _shown_token(manager_client.post(PAGE, form))

    reload = manager_client.post(PAGE, form)  # the browser's "resend" on reload
    assert reload.status_code == 200
    assert token not in reload.content.decode()
    assert not TOKEN.search(reload.content.decode())
    assert "Nothing was created" in reload.content.decode()
    assert AuthToken.objects.filter(user=manager).count() == 1

    on_purpose = {**form, "form_key": reload.context["form"]["form_key"].value()}
    assert TOKEN.search(manager_client.post(PAGE, on_purpose).content.decode())
    assert AuthToken.objects.filter(user=manager).count() == 2


def test_only_a_digest_is_stored_and_the_database_never_holds_the_token(manager_client, manager):
    token = _shown_token(_create(manager_client))
    stored = AuthToken.objects.get(user=manager)
    assert stored.digest == hash_token(token)
    assert token.startswith(stored.token_key)
    assert len(stored.token_key) < len(token) / 3
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT row_to_json(t)::text FROM "{table}" AS t')
            rows = [row for (row,) in cursor.fetchall() if token in row]
            assert not rows, f"{table} holds the token"


def test_the_token_authenticates_api_calls(manager_client, manager):
    token = _shown_token(_create(manager_client))
    response = _api(token).get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == manager.email


def test_a_token_is_valid_for_the_lifetime_chosen(manager_client, manager):
    _create(manager_client, name="Monthly", lifetime="30")
    _create(manager_client, name="Forever", lifetime="0")
    expiry = dict(ApiTokenDetails.objects.values_list("name", "token__expiry"))
    assert expiry["Forever"] is None
    assert abs(expiry["Monthly"] - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)


def test_an_expired_token_answers_401_and_is_shown_as_expired(manager_client, manager):
    token = _shown_token(_create(manager_client, lifetime="30"))
    AuthToken.objects.filter(user=manager).update(expiry=timezone.now() - timedelta(seconds=1))

    response = _api(token).get(ME)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert "expired on" in manager_client.get(PAGE).content.decode()


def test_a_revoked_token_answers_401(manager_client, manager):
    token = _shown_token(_create(manager_client))
    stored = AuthToken.objects.get(user=manager)
    response = manager_client.post(f"{PAGE}{stored.token_key}/revoke/")
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=manager).exists()
    assert not ApiTokenDetails.objects.exists()

    response = _api(token).get(ME)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_nobody_revokes_someone_else_s_token(manager_client, outsider):
    _details, token = api_token_create(user=outsider, name="Theirs", lifetime=None)
    theirs = AuthToken.objects.get(user=outsider)
    response = manager_client.post(f"{PAGE}{theirs.token_key}/revoke/")
    assert response.status_code == 404
    assert _api(token).get(ME).status_code == 200


def test_someone_else_s_tokens_are_not_listed(manager_client, outsider):
    api_token_create(user=outsider, name="Their register", lifetime=None)
    assert "Their register" not in manager_client.get(PAGE).content.decode()


def test_when_a_token_was_last_used_is_recorded_at_most_once_a_minute(manager, monkeypatch):
    details, token = api_token_create(user=manager, name="Sync", lifetime=None)
    assert details.last_used_at is None
    client = _api(token)
    client.get(ME)
    details.refresh_from_db()
    first_use = details.last_used_at
    assert first_use is not None

    client.get(ME)
    details.refresh_from_db()
    assert details.last_used_at == first_use, "not written again within the minute"

    ApiTokenDetails.objects.update(last_used_at=first_use - timedelta(minutes=2))
    a_minute_later = time.monotonic() + 61
    monkeypatch.setattr(api_auth.time, "monotonic", lambda: a_minute_later)
    client.get(ME)
    details.refresh_from_db()
    assert details.last_used_at > first_use - timedelta(minutes=1)


def test_the_page_shows_when_a_token_was_last_used(manager_client, manager):
    api_token_create(user=manager, name="Sync", lifetime=None)
    assert "not yet" in manager_client.get(PAGE).content.decode()
    ApiTokenDetails.objects.update(last_used_at=timezone.now())
    assert "not yet" not in manager_client.get(PAGE).content.decode()


def test_a_token_needs_a_name(manager_client, manager):
    response = _create(manager_client, name="   ")
    assert response.status_code == 200
    assert not TOKEN.search(response.content.decode())
    assert not AuthToken.objects.filter(user=manager).exists()


def test_there_are_at_most_twenty_tokens(manager_client, manager):
    for number in range(TOKENS_PER_USER):
        api_token_create(user=manager, name=f"Token {number}", lifetime=None)
    response = _create(manager_client, name="One too many")
    assert not TOKEN.search(response.content.decode())
    assert "revoke one you no longer use first" in response.content.decode()
    assert AuthToken.objects.filter(user=manager).count() == TOKENS_PER_USER


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    response = client.post(PAGE, {"name": "x", "lifetime": "90"})
    assert response.status_code == 302
    assert not AuthToken.objects.exists()


def test_anonymous_visitors_revoke_nothing(client, manager):
    api_token_create(user=manager, name="Sync", lifetime=None)
    key = AuthToken.objects.get().token_key
    response = client.post(f"{PAGE}{key}/revoke/")
    assert response.status_code == 302
    assert AuthToken.objects.exists()


def test_a_user_without_a_verified_email_cannot_create_tokens():
    user = UserFactory(verified_email=False)
    client = Client()
    client.force_login(user)
    response = client.post(PAGE, {"name": "Sync", "lifetime": "90", "form_key": ""})
    assert not TOKEN.search(response.content.decode())
    assert not AuthToken.objects.exists()


def test_the_service_refuses_a_user_without_a_verified_email():
    with pytest.raises(PermissionDenied):
        api_token_create(user=UserFactory(verified_email=False), name="Sync", lifetime=None)
    assert not AuthToken.objects.exists()
