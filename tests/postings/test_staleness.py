"""Postings stay current: a reminder after 30 days without confirmation, expiry after 60."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.models import OutgoingEmail
from postings.models import Posting, PostingChange
from postings.tasks import expire_stale_postings, remind_stale_postings
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(re.escape(settings.SITE_URL) + r"(/\w+/postings/confirm/[^/\s]+/)")


def _unconfirmed_for(posting: Posting, days: int) -> None:
    type(posting).objects.filter(pk=posting.pk).update(
        last_confirmed_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def stale_need(need):
    """The official's need, unconfirmed for 31 days: due for a reminder."""
    _unconfirmed_for(need, 31)
    return need


def _run(task, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        task.delay()


def test_the_contact_is_reminded_after_30_days_without_confirmation(
    stale_need, official, mailoutbox, django_capture_on_commit_callbacks
):
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [[official.email]]
    assert "Hospital beds" in mailoutbox[0].subject
    stale_need.refresh_from_db()
    assert stale_need.reminder_sent_at is not None
    assert PostingChange.objects.filter(
        object_id=stale_need.pk, action=PostingChange.Action.REMINDED
    ).exists()


def test_running_the_task_twice_sends_one_reminder(
    stale_need, mailoutbox, django_capture_on_commit_callbacks
):
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_postings_confirmed_within_30_days_are_not_reminded(
    municipality, official, mailoutbox, django_capture_on_commit_callbacks
):
    recent = NeedFactory(municipality=municipality, contact=official)
    _unconfirmed_for(recent, 29)
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_closed_postings_are_not_reminded(
    municipality, official, mailoutbox, django_capture_on_commit_callbacks
):
    withdrawn = NeedFactory(
        municipality=municipality, contact=official, status=Posting.Status.WITHDRAWN
    )
    _unconfirmed_for(withdrawn, 31)
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_the_reminder_is_in_the_contacts_language(
    municipality, manager, mailoutbox, django_capture_on_commit_callbacks
):
    offer = OfferFactory(
        municipality=municipality,
        contact=manager,
        original_language="uk",
        title_en="Generators to give",
        title_uk="Генератори для передачі",
        description_uk="Два дизельні генератори.",
    )
    _unconfirmed_for(offer, 31)
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    assert OutgoingEmail.objects.get().language == "uk"
    with translation.override("uk"):
        offer.refresh_from_db()
        subject = render_to_string("emails/posting_reminder_subject.txt", {"posting": offer})
    assert message.subject == " ".join(subject.split())
    assert "Генератори для передачі" in message.subject
    assert "Кам'янець-Подільський" in message.body
    assert "Generators to give" not in message.body
    assert all(path.startswith("/uk/") for path in LINK.findall(message.body))


def test_the_reminder_says_since_when_and_when_it_expires(
    stale_need, mailoutbox, django_capture_on_commit_callbacks
):
    stale_need.refresh_from_db()
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    body = mailoutbox[0].body
    with translation.override("en"):
        since = date_format(timezone.localtime(stale_need.last_confirmed_at), "DATE_FORMAT")
    assert f"Unconfirmed since: {since}" in body
    assert "60 days" in body
    html, _mimetype = mailoutbox[0].alternatives[0]
    assert len(LINK.findall(html)) == 3


def test_the_links_in_the_reminder_work_without_login(
    stale_need, client, mailoutbox, django_capture_on_commit_callbacks
):
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    still_current, partly_covered, done = LINK.findall(mailoutbox[0].body)
    for path in (still_current, partly_covered, done):
        assert client.get(path).status_code == 200
    stale_need.refresh_from_db()
    assert stale_need.status == Posting.Status.PUBLISHED
    assert stale_need.reminder_sent_at is not None

    response = client.post(still_current)

    assert response.status_code == 200
    stale_need.refresh_from_db()
    assert stale_need.reminder_sent_at is None
    assert timezone.now() - stale_need.last_confirmed_at < timedelta(minutes=1)


def test_a_confirmed_posting_is_reminded_again_30_days_later(
    stale_need, client, mailoutbox, django_capture_on_commit_callbacks
):
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    still_current = LINK.findall(mailoutbox[0].body)[0]
    client.post(still_current)
    _unconfirmed_for(stale_need, 35)
    _run(remind_stale_postings, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_postings_expire_after_60_days_without_confirmation(municipality, official):
    stale = NeedFactory(municipality=municipality, contact=official)
    _unconfirmed_for(stale, 61)
    fresh = OfferFactory(municipality=municipality, contact=official)
    _unconfirmed_for(fresh, 59)

    assert expire_stale_postings.delay().get() == 1

    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Posting.Status.EXPIRED
    assert stale.closed_at is not None
    assert fresh.status == Posting.Status.PUBLISHED
    entry = PostingChange.objects.get(object_id=stale.pk, action=PostingChange.Action.EXPIRED)
    assert entry.user is None
    assert expire_stale_postings.delay().get() == 0
