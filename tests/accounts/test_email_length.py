"""An email address longer than the field allows is refused with a form error, never cut to
fit: a cut address has lost its "@" and belongs to nobody."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Solidarity-between-cities-2026"
# 312 characters: a valid address, but longer than the 254 an address may have.
TOO_LONG = f"{'a' * 60}.{'b' * 60}.{'c' * 60}.{'d' * 60}@{'e' * 60}.example"


def test_the_address_is_long_enough_to_be_cut():
    assert len(TOO_LONG) == 312


def test_sign_up_with_a_too_long_address_is_refused(client, mailoutbox):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": TOO_LONG,
            "first_name": "Olena",
            "last_name": "Kovalenko",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "at most 254 characters" in response.context["form"].errors["email"][0]
    assert not User.objects.exists()
    assert not mailoutbox


def test_adding_a_too_long_address_to_an_account_is_refused(official_client, official):
    response = official_client.post("/en/accounts/email/", {"action_add": "", "email": TOO_LONG})
    assert response.status_code == 200
    assert "at most 254 characters" in response.context["form"].errors["email"][0]
    assert list(EmailAddress.objects.filter(user=official).values_list("email", flat=True)) == [
        official.email
    ]


def test_inviting_a_too_long_address_is_refused(manager_client, municipality):
    response = manager_client.post(
        f"/en/municipalities/{municipality.slug}/members/",
        {"email": TOO_LONG, "role": "official"},
    )
    assert response.status_code == 200
    assert not municipality.invitations.exists()
