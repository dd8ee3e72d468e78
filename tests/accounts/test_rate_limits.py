import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_after_five_failed_logins_even_the_right_password_is_refused_for_a_while(client, official):
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": official.email, "password": "wrong"})
    response = client.post("/en/accounts/login/", {"login": official.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_requests_are_rate_limited(client, official):
    statuses = [
        client.post("/en/accounts/password/reset/", {"email": official.email}).status_code
        for _attempt in range(7)
    ]
    assert 429 in statuses
