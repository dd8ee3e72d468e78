import pytest

from municipalities.models import JoinRequest, Membership

pytestmark = pytest.mark.django_db


def test_a_join_request_approved_by_a_manager_makes_a_member(
    client,
    new_user,
    manager,
    manager_client,
    municipality,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(new_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/municipalities/{municipality.slug}/join/", {"message": "I work in the city hall."}
        )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=new_user, municipality=municipality)
    assert [message.to for message in mailoutbox] == [[manager.email]]
    assert "Кам'янець-Подільський" in mailoutbox[0].subject, "the manager reads Ukrainian"

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            f"/en/municipalities/{municipality.slug}/join-requests/{join_request.pk}/approve/"
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == manager
    membership = Membership.objects.get(user=new_user, municipality=municipality)
    assert membership.role == Membership.Role.OFFICIAL
    assert [message.to for message in mailoutbox] == [[new_user.email]]


def test_a_declined_request_makes_no_member(new_user, manager_client, municipality):
    join_request = JoinRequest.objects.create(user=new_user, municipality=municipality)
    manager_client.post(
        f"/en/municipalities/{municipality.slug}/join-requests/{join_request.pk}/decline/"
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(user=new_user).exists()


def test_asking_twice_is_refused_with_a_message(client, new_user, municipality):
    client.force_login(new_user)
    url = f"/en/municipalities/{municipality.slug}/join/"
    client.post(url, {"message": ""})
    response = client.post(url, {"message": ""}, follow=True)
    assert JoinRequest.objects.filter(user=new_user).count() == 1
    assert "already waiting" in response.content.decode()


def test_a_member_cannot_ask_to_join_again(official_client, official, municipality):
    response = official_client.post(f"/en/municipalities/{municipality.slug}/join/", follow=True)
    assert "already a member" in response.content.decode()
    assert not JoinRequest.objects.filter(user=official).exists()


def test_a_request_cannot_be_decided_twice(new_user, manager_client, municipality):
    join_request = JoinRequest.objects.create(user=new_user, municipality=municipality)
    base = f"/en/municipalities/{municipality.slug}/join-requests/{join_request.pk}"
    manager_client.post(f"{base}/decline/")
    response = manager_client.post(f"{base}/approve/", follow=True)
    assert "already been decided" in response.content.decode()
    assert not Membership.objects.filter(user=new_user).exists()


def test_nobody_can_ask_to_join_a_pending_municipality(client, new_user, pending_municipality):
    client.force_login(new_user)
    response = client.post(f"/en/municipalities/{pending_municipality.slug}/join/", follow=True)
    assert "Only verified municipalities can be joined" in response.content.decode()
    assert not JoinRequest.objects.exists()
