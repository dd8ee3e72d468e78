import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_every_page_has_a_language_switcher(client):
    content = client.get("/en/").content.decode()
    assert 'name="language"' in content
    for code in ["en", "de", "uk", "fr", "pl"]:
        assert f'value="{code}"' in content


def test_switching_language_redirects_to_the_same_page_in_that_language(client):
    response = client.post("/i18n/setlang/", {"language": "uk", "next": "/en/municipalities/"})
    assert response.status_code == 302
    assert response.url == "/uk/municipalities/"


def test_a_logged_in_users_choice_is_remembered_on_the_account(official_client, official):
    official_client.post("/i18n/setlang/", {"language": "pl", "next": "/en/dashboard/"})
    official.refresh_from_db()
    assert official.language == "pl"


def test_an_unsupported_language_changes_nothing(official_client, official):
    response = official_client.post("/i18n/setlang/", {"language": "xx", "next": "/en/"})
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.language == "en"


def test_the_root_redirects_to_a_language_prefix(client):
    response = client.get("/", headers={"accept-language": "de"})
    assert response.status_code == 302
    assert response.url == "/de/"


@pytest.mark.parametrize("language", ["uk", "de", "fr", "pl"])
def test_error_pages_are_translated(client, language):
    with translation.override(language):
        expected = gettext("Page not found")
    assert expected != "Page not found"
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert expected in response.content.decode()


def test_a_language_picked_before_logging_in_becomes_the_accounts(client, official):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/en/accounts/login/"})
    response = client.post("/fr/accounts/login/", {"login": official.email, "password": PASSWORD})
    assert response.url == "/fr/dashboard/"
    official.refresh_from_db()
    assert official.language == "fr"


def test_without_a_new_choice_login_lands_in_the_accounts_language(client, official):
    official.language = "pl"
    official.save()
    response = client.post("/en/accounts/login/", {"login": official.email, "password": PASSWORD})
    assert response.url == "/pl/dashboard/"
