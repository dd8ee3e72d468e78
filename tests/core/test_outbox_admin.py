"""Admins see which emails failed and which may or may not have arrived; they resend failed
ones at once, and those of unknown delivery only after confirming that they may arrive twice."""

import pytest

from core.models import OutgoingEmail

pytestmark = pytest.mark.django_db

OUTBOX = "/en/admin/core/outgoingemail/"
Status = OutgoingEmail.Status


@pytest.fixture
def failed() -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        to="a@town.example", language="en", subject="Failed", body_text="x", status=Status.FAILED
    )


@pytest.fixture
def unknown() -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        to="b@town.example", language="en", subject="Maybe", body_text="x", status=Status.UNKNOWN
    )


def _act(client, action: str, *emails: OutgoingEmail, **extra):
    data = {"action": action, "_selected_action": [email.pk for email in emails], **extra}
    return client.post(OUTBOX, data, follow=True)


def test_the_outbox_filters_emails_of_unknown_delivery(staff_client, failed, unknown):
    response = staff_client.get(f"{OUTBOX}?status__exact=unknown")
    assert [email.subject for email in response.context["cl"].result_list] == ["Maybe"]
    assert "Delivery unknown" in response.content.decode()


def test_requeueing_sends_failed_emails_but_not_those_of_unknown_delivery(
    staff_client, failed, unknown, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(staff_client, "requeue", failed, unknown)
    assert [message.subject for message in mailoutbox] == ["Failed"]
    unknown.refresh_from_db()
    assert unknown.status == Status.UNKNOWN
    assert "may have arrived" in response.content.decode()


def test_emails_of_unknown_delivery_are_resent_only_after_confirming(
    staff_client, unknown, mailoutbox, django_capture_on_commit_callbacks
):
    asked = _act(staff_client, "requeue_unknown", unknown)
    assert "may arrive twice" in asked.content.decode()
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        _act(staff_client, "requeue_unknown", unknown, confirmed="yes")
    assert [message.subject for message in mailoutbox] == ["Maybe"]
