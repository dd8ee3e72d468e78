"""A registration waiting for verification is announced to the platform's administrators (in
their language, once), and the verification queue shows who registered it."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from municipalities.models import Municipality
from tests.factories import MunicipalityFactory, StaffFactory

pytestmark = pytest.mark.django_db

QUEUE = "/en/admin/municipalities/verificationqueue/"


def _register(client, name: str = "Khmelnytskyi"):
    return client.post(
        "/en/municipalities/register/", {"name_en": name, "country": "UA", "languages": ["uk"]}
    )


def test_active_staff_are_emailed_in_their_language(
    official_client, official, staff, mailoutbox, django_capture_on_commit_callbacks
):
    german = StaffFactory(email="verwaltung@example.org", language="de")
    StaffFactory(email="former@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _register(official_client).status_code == 302
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {staff.email, german.email}
    municipality = Municipality.objects.get(name_en="Khmelnytskyi")
    english = by_recipient[staff.email]
    assert english.subject == "Khmelnytskyi waits for verification"
    assert official.email in english.body
    assert official.get_full_name() in english.body
    assert f"/en/admin/municipalities/verificationqueue/{municipality.pk}/change/" in english.body
    with translation.override("de"):
        subject = gettext("%(name)s waits for verification") % {"name": "Khmelnytskyi"}
    assert by_recipient[german.email].subject == subject
    assert "/de/admin/" in by_recipient[german.email].body


def test_the_queue_lists_who_registered_with_name_and_email(staff_client, official):
    MunicipalityFactory(name_en="Khmelnytskyi", status="pending", registered_by=official)
    page = staff_client.get(QUEUE).content.decode()
    assert "column-registrant" in page
    assert official.get_full_name() in page
    assert f'href="mailto:{official.email}"' in page


def test_the_queue_s_detail_shows_who_registered(staff_client, official):
    municipality = MunicipalityFactory(status="pending", registered_by=official)
    page = staff_client.get(f"{QUEUE}{municipality.pk}/change/").content.decode()
    assert f'href="mailto:{official.email}"' in page
    assert official.get_full_name() in page


def test_the_queue_s_list_queries_do_not_grow_with_the_registrants(staff_client, page_queries):
    MunicipalityFactory(status="pending", registered_by=StaffFactory())
    few = page_queries(staff_client, QUEUE, at_most=30)
    MunicipalityFactory.create_batch(5, status="pending", registered_by=StaffFactory())
    assert page_queries(staff_client, QUEUE, at_most=30) == few
