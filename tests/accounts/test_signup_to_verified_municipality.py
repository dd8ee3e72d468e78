"""The first journey: sign up, verify, log in, register a municipality, get it verified."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from municipalities import services
from municipalities.models import Membership, Municipality

pytestmark = pytest.mark.django_db

PASSWORD = "Solidarity-between-cities-2026"


def _confirmation_path(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", body)
    assert match, body
    return match.group(1)


def test_a_new_official_signs_up_verifies_registers_and_is_verified(
    client, mailoutbox, staff, django_capture_on_commit_callbacks
):
    response = client.post(
        "/uk/accounts/signup/",
        {
            "email": "olena@kam-pod.example",
            "first_name": "Olena",
            "last_name": "Kovalenko",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="olena@kam-pod.example")
    assert user.language == "uk", "the language of the sign-up page is remembered"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["olena@kam-pod.example"]

    # Unverified: logging in is refused and sends the user back to verification.
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "olena@kam-pod.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "confirm-email" in response.url or "verification" in response.url
    assert "_auth_user_id" not in client.session

    confirmation = _confirmation_path(mailoutbox[0].body)
    response = client.post(confirmation)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "olena@kam-pod.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/uk/dashboard/", "login lands in the user's own language"

    response = client.post(
        "/uk/municipalities/register/",
        {
            "name_en": "Kamianets-Podilskyi",
            "name_uk": "Кам'янець-Подільський",
            "country": "UA",
            "region": "Khmelnytskyi Oblast",
            "population": "98000",
            "latitude": "48.6845",
            "longitude": "26.5853",
            "languages": ["uk", "en"],
            "description_uk": "Місто-фортеця на Поділлі.",
        },
    )
    municipality = Municipality.objects.get(slug="kamianets-podilskyi")
    assert response.status_code == 302
    assert municipality.status == Municipality.Status.PENDING
    assert municipality.name_uk == "Кам'янець-Подільський"
    assert Membership.objects.get(user=user, municipality=municipality).is_manager
    assert client.get(reverse("municipalities:detail", args=[municipality.slug])).status_code == 200

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.municipality_verify(admin=staff, municipality=municipality)
    municipality.refresh_from_db()
    assert municipality.status == Municipality.Status.VERIFIED
    assert municipality.status_changed_by == staff
    assert [message.to for message in mailoutbox] == [["olena@kam-pod.example"]]
    assert "Кам'янець-Подільський" in mailoutbox[0].subject, "the email is in Ukrainian"
