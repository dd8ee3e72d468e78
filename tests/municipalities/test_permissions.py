"""Who may see and do what: manager, official, outsider, pending member, anonymous."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied

from municipalities import services
from municipalities.models import Membership
from tests.factories import JoinRequestFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_manager_reaches_the_members_page_and_edit_form(manager_client, municipality):
    assert manager_client.get(f"/en/municipalities/{municipality.slug}/members/").status_code == 200
    assert manager_client.get(f"/en/municipalities/{municipality.slug}/edit/").status_code == 200


@pytest.mark.parametrize("page", ["members", "edit"])
def test_an_official_cannot_manage_their_municipality(official_client, municipality, page):
    response = official_client.get(f"/en/municipalities/{municipality.slug}/{page}/")
    assert response.status_code == 403


@pytest.mark.parametrize("page", ["members", "edit"])
def test_a_manager_of_another_municipality_cannot_manage_this_one(
    outsider_client, municipality, page
):
    response = outsider_client.get(f"/en/municipalities/{municipality.slug}/{page}/")
    assert response.status_code == 403


def test_a_manager_of_another_municipality_cannot_decide_join_requests(
    outsider_client, municipality
):
    join_request = JoinRequestFactory(municipality=municipality)
    url = f"/en/municipalities/{municipality.slug}/join-requests/{join_request.pk}/approve/"
    assert outsider_client.post(url).status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_an_outsiders_edit_post_changes_nothing(outsider_client, municipality):
    response = outsider_client.post(
        f"/en/municipalities/{municipality.slug}/edit/", {"name_en": "Hijacked"}
    )
    assert response.status_code == 403
    municipality.refresh_from_db()
    assert municipality.name_en == "Kamianets-Podilskyi"


def test_a_pending_municipality_is_not_public(client, pending_municipality):
    assert client.get(f"/en/municipalities/{pending_municipality.slug}/").status_code == 404
    assert pending_municipality.name_en not in client.get("/en/municipalities/").content.decode()


def test_members_of_a_pending_municipality_see_its_page(client, pending_municipality):
    member = MembershipFactory(municipality=pending_municipality, role=Membership.Role.MANAGER)
    client.force_login(member.user)
    response = client.get(f"/en/municipalities/{pending_municipality.slug}/")
    assert response.status_code == 200
    assert "Pending verification" in response.content.decode()


def test_a_rejected_municipality_is_not_public(client, pending_municipality):
    pending_municipality.status = "rejected"
    pending_municipality.save()
    assert client.get(f"/en/municipalities/{pending_municipality.slug}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/en/dashboard/",
        "/en/municipalities/register/",
        "/en/municipalities/kamianets-podilskyi/members/",
        "/en/municipalities/kamianets-podilskyi/edit/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, municipality, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_an_unverified_user_cannot_register_a_municipality(client, mailoutbox):
    user = UserFactory(verified_email=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    response = client.post("/en/municipalities/register/", {"name_en": "Nowhere", "country": "DE"})
    assert response.status_code == 200
    assert "verify" in response.content.decode().lower()
    assert not user.memberships.exists()


def test_the_service_itself_refuses_an_unverified_user(mailoutbox):
    user = UserFactory(verified_email=False)
    with pytest.raises(PermissionDenied):
        services.municipality_register(user=user, name_en="Nowhere", country="DE")


def test_managers_cannot_change_the_verification_state_through_the_profile(manager, municipality):
    with pytest.raises(TypeError, match="status"):
        services.municipality_update(user=manager, municipality=municipality, status="verified")
