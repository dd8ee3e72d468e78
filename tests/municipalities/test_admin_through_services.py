"""The municipality admin changes profiles, members, join requests and invitations through the
same services as the pages: the same rules, the same emails, the same history."""

import pytest

from municipalities.models import Invitation, JoinRequest, Membership, Municipality
from tests.admin_forms import add_inline_row, admin_form_data
from tests.factories import InvitationFactory, JoinRequestFactory, UserFactory

pytestmark = pytest.mark.django_db

MUNICIPALITIES = "/en/admin/municipalities/municipality/"


def _change_url(municipality: Municipality) -> str:
    return f"{MUNICIPALITIES}{municipality.pk}/change/"


def _roles(municipality: Municipality) -> dict[str, str]:
    return dict(municipality.memberships.values_list("user__email", "role"))


def test_an_admin_adds_a_member_with_a_role(staff_client, municipality, manager):
    newcomer = UserFactory()
    data = admin_form_data(staff_client.get(_change_url(municipality)))
    data = add_inline_row(
        data, "memberships", user=newcomer.pk, role="official", municipality=municipality.pk
    )
    response = staff_client.post(_change_url(municipality), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _roles(municipality) == {manager.email: "manager", newcomer.email: "official"}


def test_the_last_manager_cannot_be_removed_in_the_admin(staff_client, municipality, manager):
    data = admin_form_data(staff_client.get(_change_url(municipality)))
    data["memberships-0-DELETE"] = "on"
    response = staff_client.post(_change_url(municipality), data)
    assert response.status_code == 200
    assert "A municipality needs at least one manager." in response.content.decode()
    assert _roles(municipality) == {manager.email: "manager"}


def test_an_admin_makes_an_official_a_manager_and_then_removes_the_former_one(
    staff_client, municipality, manager, official
):
    data = admin_form_data(staff_client.get(_change_url(municipality)))
    row = {data[f"memberships-{i}-id"]: i for i in range(2)}
    official_row = row[str(Membership.objects.get(user=official).pk)]
    manager_row = row[str(Membership.objects.get(user=manager).pk)]
    data[f"memberships-{official_row}-role"] = "manager"
    data[f"memberships-{manager_row}-DELETE"] = "on"
    response = staff_client.post(_change_url(municipality), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert _roles(municipality) == {official.email: "manager"}


def test_an_admin_edits_a_profile_but_not_its_slug(staff_client, municipality, manager):
    data = admin_form_data(staff_client.get(_change_url(municipality)))
    data.update(region="Khmelnytskyi Oblast", slug="hijacked")
    response = staff_client.post(_change_url(municipality), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    municipality.refresh_from_db()
    assert (municipality.region, municipality.slug) == (
        "Khmelnytskyi Oblast",
        "kamianets-podilskyi",
    )


def test_an_admin_adds_a_municipality_that_waits_for_verification(staff_client):
    data = admin_form_data(staff_client.get(f"{MUNICIPALITIES}add/"))
    data.update(name_en="Bytów", slug="bytow", country="PL", languages=["pl"])
    data = {key: value for key, value in data.items() if not key.startswith("memberships-0")}
    response = staff_client.post(f"{MUNICIPALITIES}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    bytow = Municipality.objects.get(slug="bytow")
    assert bytow.status == Municipality.Status.PENDING


def test_an_admin_approves_a_join_request_and_the_person_is_told(
    staff_client, municipality, manager, mailoutbox, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/en/admin/municipalities/joinrequest/",
            {"action": "approve", "_selected_action": [join_request.pk]},
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert Membership.objects.filter(user=join_request.user, municipality=municipality).exists()
    assert [message.to for message in mailoutbox] == [[join_request.user.email]]


def test_join_requests_are_not_edited_by_hand_in_the_admin(staff_client, municipality):
    join_request = JoinRequestFactory(municipality=municipality)
    url = f"/en/admin/municipalities/joinrequest/{join_request.pk}/change/"
    staff_client.post(url, {"status": "approved"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_an_admin_invites_the_first_manager_of_a_municipality(
    staff_client, pending_municipality, mailoutbox, django_capture_on_commit_callbacks
):
    data = {"municipality": pending_municipality.pk, "email": "mayor@taurage.example"}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/en/admin/municipalities/invitation/add/", {**data, "role": "manager"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="mayor@taurage.example")
    assert invitation.role == "manager"
    assert [message.to for message in mailoutbox] == [["mayor@taurage.example"]]


def test_inviting_a_member_again_is_a_form_error(staff_client, municipality, official):
    response = staff_client.post(
        "/en/admin/municipalities/invitation/add/",
        {"municipality": municipality.pk, "email": official.email, "role": "official"},
    )
    assert response.status_code == 200
    assert "This person is already a member." in response.content.decode()


def test_deleting_an_open_invitation_revokes_it(staff_client, municipality):
    invitation = InvitationFactory(municipality=municipality)
    url = f"/en/admin/municipalities/invitation/{invitation.pk}/delete/"
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
