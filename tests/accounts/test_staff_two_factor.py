import pytest

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_staff_without_two_factor_are_sent_to_set_it_up(client):
    client.force_login(StaffFactory(two_factor=False))
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response.url == "/en/accounts/2fa/totp/activate/"


def test_staff_with_two_factor_reach_the_admin(staff_client):
    assert staff_client.get("/en/admin/").status_code == 200


def test_the_admin_login_is_allauths_login(client):
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_officials_do_not_get_into_the_admin(official_client):
    response = official_client.get("/en/admin/", follow=True)
    assert response.status_code == 403
