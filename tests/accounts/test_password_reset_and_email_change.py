import re

import pytest
from allauth.account.models import EmailAddress

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_user_resets_a_forgotten_password(client, official, mailoutbox):
    client.post("/en/accounts/password/reset/", {"email": official.email})
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/password/reset/key/\S+/)", mailoutbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "Another-long-password-7"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password(new_password)


def test_a_user_adds_and_verifies_a_new_email_address(official_client, official, mailoutbox):
    response = official_client.post(
        "/en/accounts/email/", {"action_add": "", "email": "new.address@example.org"}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=official, email="new.address@example.org").exists()
    assert mailoutbox[-1].to == ["new.address@example.org"]
    assert official.check_password(PASSWORD)
