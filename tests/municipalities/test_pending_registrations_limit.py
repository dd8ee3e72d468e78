"""A user may have PENDING_REGISTRATIONS_PER_USER municipalities waiting for review; one more is
refused on the form until an admin has decided one."""

import pytest

from municipalities.models import Municipality
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

REGISTER = "/en/municipalities/register/"


def _register(client, name: str):
    return client.post(REGISTER, {"name_en": name, "country": "UA", "languages": ["uk"]})


def test_a_fourth_pending_registration_is_refused_with_a_message(official_client, official):
    for number in range(3):
        assert _register(official_client, f"Town {number}").status_code == 302

    response = _register(official_client, "Town 4")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You have 3 municipalities waiting for review. Please wait until an administrator "
        "has looked at them before registering another one."
    ]
    assert Municipality.objects.filter(registered_by=official).count() == 3


def test_decided_registrations_make_room(official_client, official):
    for number in range(3):
        _register(official_client, f"Town {number}")
    Municipality.objects.filter(name_en="Town 0").update(status=Municipality.Status.VERIFIED)
    MunicipalityFactory(registered_by=official, status=Municipality.Status.REJECTED)

    assert _register(official_client, "Town 4").status_code == 302
