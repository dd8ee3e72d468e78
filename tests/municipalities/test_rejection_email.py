"""The rejection email says where to write: not a reply to its no-reply sender, but the
platform's support address."""

import pytest
from django.test import override_settings

from municipalities import services
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@override_settings(SUPPORT_EMAIL="hilfe@cities4cities.example")
def test_the_rejection_names_the_support_address(
    staff, pending_municipality, mailoutbox, django_capture_on_commit_callbacks
):
    MembershipFactory(municipality=pending_municipality, role="manager")
    with django_capture_on_commit_callbacks(execute=True):
        services.municipality_reject(
            admin=staff, municipality=pending_municipality, reason="No proof of office."
        )
    [message] = mailoutbox
    assert "reply to this email" not in message.body
    assert "write to hilfe@cities4cities.example" in message.body
    html = message.alternatives[0][0]
    assert 'href="mailto:hilfe@cities4cities.example"' in html
