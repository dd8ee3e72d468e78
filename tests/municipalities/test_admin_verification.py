import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import translation
from django.utils.translation import gettext

from municipalities.models import Membership, Municipality
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

QUEUE = "/en/admin/municipalities/verificationqueue/"


@pytest.fixture
def pending_manager(pending_municipality):
    return MembershipFactory(
        municipality=pending_municipality, role=Membership.Role.MANAGER, user__language="de"
    ).user


def test_the_queue_lists_only_pending_municipalities(
    staff_client, pending_municipality, municipality
):
    content = staff_client.get(QUEUE).content.decode()
    assert "Tauragė" in content
    assert "Kamianets-Podilskyi" not in content


def test_approving_verifies_emails_the_manager_in_their_language_and_is_logged(
    staff_client,
    staff,
    pending_municipality,
    pending_manager,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            QUEUE, {"action": "verify", "_selected_action": [pending_municipality.pk]}
        )
    assert response.status_code == 302
    pending_municipality.refresh_from_db()
    assert pending_municipality.status == Municipality.Status.VERIFIED
    assert pending_municipality.status_changed_by == staff
    assert [message.to for message in mailoutbox] == [[pending_manager.email]]
    with translation.override("de"):
        expected = gettext("%(name)s is verified on Cities4Cities") % {"name": "Tauragė"}
    assert mailoutbox[0].subject == expected
    assert expected != "Tauragė is verified on Cities4Cities"
    entry = LogEntry.objects.get(object_id=str(pending_municipality.pk))
    assert entry.user == staff
    assert entry.action_flag == CHANGE


def test_rejecting_needs_a_reason(staff_client, pending_municipality, pending_manager, mailoutbox):
    response = staff_client.post(
        QUEUE,
        {"action": "reject", "_selected_action": [pending_municipality.pk], "reason": ""},
        follow=True,
    )
    assert "reason" in response.content.decode()
    pending_municipality.refresh_from_db()
    assert pending_municipality.status == Municipality.Status.PENDING
    assert mailoutbox == []


def test_rejecting_with_a_reason_tells_the_manager(
    staff_client,
    pending_municipality,
    pending_manager,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            QUEUE,
            {
                "action": "reject",
                "_selected_action": [pending_municipality.pk],
                "reason": "We could not confirm that you work for the city.",
            },
        )
    pending_municipality.refresh_from_db()
    assert pending_municipality.status == Municipality.Status.REJECTED
    assert "We could not confirm" in mailoutbox[0].body


def test_the_admin_searches_names_in_every_language(staff_client, municipality):
    response = staff_client.get("/en/admin/municipalities/municipality/", {"q": "Подільськ"})
    assert "Kamianets-Podilskyi" in response.content.decode()


def test_the_admin_list_filters_by_country_and_state(
    staff_client, municipality, pending_municipality
):
    response = staff_client.get(
        "/en/admin/municipalities/municipality/", {"country": "UA", "status__exact": "verified"}
    )
    assert response.context["cl"].result_count == 1
