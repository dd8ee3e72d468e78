"""The daily digest tells staff how many postings wait for moderation, and only if some do."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from postings.services import moderation
from postings.tasks import send_moderation_digest
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _send(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send_moderation_digest.delay()


@pytest.fixture
def newcomer():
    return MunicipalityFactory(status_changed_at=timezone.now() - timedelta(days=2))


def test_nothing_is_sent_when_nothing_waits(
    staff, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    NeedFactory(municipality=municipality)  # verified long ago, not reported
    _send(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_staff_get_the_counts_and_links_to_the_waiting_lists(
    staff, manager, newcomer, outsider, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    NeedFactory.create_batch(2, municipality=newcomer)
    reported = OfferFactory(municipality=municipality)
    moderation.posting_report(user=outsider, posting=reported, reason="Offensive.")

    _send(django_capture_on_commit_callbacks)

    assert [message.to for message in mailoutbox] == [[staff.email]]
    body = mailoutbox[0].body
    assert "Needs: 2" in body
    assert "Offers: 1" in body
    assert f"{settings.SITE_URL}/en/admin/needs/need/?moderation=waiting" in body
    assert f"{settings.SITE_URL}/en/admin/offers/offer/?moderation=waiting" in body


def test_each_staff_member_gets_it_in_their_language(
    newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    StaffFactory(language="de")
    NeedFactory(municipality=newcomer)
    _send(django_capture_on_commit_callbacks)
    assert "/de/admin/needs/need/?moderation=waiting" in mailoutbox[0].body


def test_the_digest_goes_out_once_a_day(
    staff, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    NeedFactory(municipality=newcomer)
    _send(django_capture_on_commit_callbacks)
    _send(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_reviewed_postings_no_longer_count(
    staff, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    need = NeedFactory(municipality=newcomer)
    moderation.posting_mark_reviewed(admin=staff, posting=need)
    _send(django_capture_on_commit_callbacks)
    assert mailoutbox == []
