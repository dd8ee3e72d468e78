import re
from datetime import timedelta

import pytest
from django.utils import timezone

from municipalities.models import Invitation, Membership
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_manager_invites_a_colleague_who_accepts(
    manager_client, municipality, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            f"/en/municipalities/{municipality.slug}/members/",
            {"email": "Colleague@Kam-Pod.example", "role": "official"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(municipality=municipality)
    assert invitation.email == "colleague@kam-pod.example"
    assert mailoutbox[0].to == ["colleague@kam-pod.example"]
    path = re.search(r"https?://[^/\s]+(/\S+/invitations/\S+/)", mailoutbox[0].body).group(1)
    assert path.startswith("/uk/"), "written in the inviting manager's language"

    colleague = UserFactory(email="colleague@kam-pod.example")
    client.force_login(colleague)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert Membership.objects.get(user=colleague, municipality=municipality).role == "official"
    invitation.refresh_from_db()
    assert invitation.accepted_by == colleague


def test_an_invitation_cannot_be_accepted_by_another_address(client, municipality):
    invitation = InvitationFactory(municipality=municipality, email="right@example.org")
    client.force_login(UserFactory(email="wrong@example.org"))
    response = client.post(f"/en/municipalities/invitations/{invitation.token}/", follow=True)
    assert "Log in with that address" in response.content.decode()
    assert not Membership.objects.filter(municipality=municipality).exists()


def test_an_expired_invitation_is_refused(client, municipality):
    invitation = InvitationFactory(
        municipality=municipality,
        email="late@example.org",
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(UserFactory(email="late@example.org"))
    response = client.post(f"/en/municipalities/invitations/{invitation.token}/", follow=True)
    assert "no longer valid" in response.content.decode()
    assert not Membership.objects.filter(municipality=municipality).exists()


def test_inviting_again_renews_the_open_invitation(manager_client, municipality):
    url = f"/en/municipalities/{municipality.slug}/members/"
    manager_client.post(url, {"email": "again@example.org", "role": "official"})
    first_token = Invitation.objects.get().token
    manager_client.post(url, {"email": "again@example.org", "role": "manager"})
    invitation = Invitation.objects.get()
    assert invitation.token != first_token
    assert invitation.role == "manager"


def test_inviting_a_member_shows_an_error(manager_client, official, municipality):
    response = manager_client.post(
        f"/en/municipalities/{municipality.slug}/members/",
        {"email": official.email, "role": "official"},
    )
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_official_cannot_invite(official_client, municipality):
    response = official_client.post(
        f"/en/municipalities/{municipality.slug}/members/",
        {"email": "someone@example.org", "role": "manager"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
