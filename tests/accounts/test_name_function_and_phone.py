"""People are shown by name, not by email address: sign-up asks for it, and the account's
profile page changes it, with a function and a phone number."""

import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Solidarity-between-cities-2026"
PROFILE = "/en/accounts/profile/"


def _sign_up(client, **fields):
    data = {"email": "olena@kam-pod.example", "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/en/accounts/signup/", {**data, **fields})


def test_sign_up_asks_for_a_first_and_a_last_name(client):
    response = _sign_up(client)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "last_name"}
    assert not User.objects.exists()


def test_the_name_given_at_sign_up_is_kept(client):
    response = _sign_up(client, first_name="Olena", last_name="Kovalenko")
    assert response.status_code == 302
    user = User.objects.get()
    assert str(user) == "Olena Kovalenko"


def test_a_name_longer_than_the_field_is_refused_not_cut(client):
    response = _sign_up(client, first_name="O" * 151, last_name="Kovalenko")
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    assert not User.objects.exists()


def test_bidirectional_controls_are_removed_from_the_name_at_sign_up(client):
    _sign_up(client, first_name="Ol\u202eena", last_name="\u2066Kovalenko\u2069")
    assert str(User.objects.get()) == "Olena Kovalenko"


def test_the_profile_page_shows_the_current_name(official_client, official):
    response = official_client.get(PROFILE)
    assert response.status_code == 200
    assert response.context["form"]["first_name"].value() == official.first_name


def test_the_profile_page_changes_name_function_and_phone(official_client, official):
    response = official_client.post(
        PROFILE,
        {
            "first_name": "Katrin",
            "last_name": "Maier",
            "function": "Head of the fire brigade\u200f",
            "phone": "+49 (0)711 3512-0",
        },
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert (official.first_name, official.last_name) == ("Katrin", "Maier")
    assert official.function == "Head of the fire brigade"
    assert official.phone == "+49 (0)711 3512-0"


@pytest.mark.parametrize(
    "phone",
    ["12345", "call me maybe", "+49 711 351 200 000 000 000 00", "0711/35120"],
    ids=["five digits", "words", "twenty-one digits", "slash"],
)
def test_a_phone_number_that_is_not_one_is_refused(official_client, official, phone):
    data = {"first_name": "Katrin", "last_name": "Maier", "phone": phone}
    response = official_client.post(PROFILE, data)
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    official.refresh_from_db()
    assert official.phone == ""


def test_the_name_cannot_be_emptied(official_client, official):
    response = official_client.post(PROFILE, {"first_name": "", "last_name": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "last_name"}


def test_the_profile_page_needs_a_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_account_pages_link_to_the_profile(official_client):
    assert PROFILE in official_client.get("/en/accounts/notifications/").content.decode()


def test_the_contact_person_of_a_posting_is_shown_with_function_and_phone(
    outsider_client, need, official
):
    official.function = "Head of the fire brigade"
    official.phone = "+380 3849 2 30 00"
    official.save()
    page = outsider_client.get(need.get_absolute_url()).content.decode()
    assert f"{official.display_name} (Head of the fire brigade)" in page
    assert "+380 3849 2 30 00" in page
