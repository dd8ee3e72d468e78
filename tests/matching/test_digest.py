"""Readers of the daily digest get the day's good matches in one email, once."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from core.models import OutgoingEmail
from matching.digest import send_match_digest_of, send_match_digests
from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Match
from matching.notifications import notify_new_matches
from municipalities.models import Membership
from tests.factories import MatchFactory, MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def reader(manager):
    """The manager (Ukrainian) is the contact of the need and reads the digest."""
    manager.match_emails = User.MatchEmails.DAILY
    manager.save()
    return manager


@pytest.fixture
def german_official(other_municipality):
    return MembershipFactory(
        municipality=other_municipality, role=Membership.Role.OFFICIAL, user__language="de"
    ).user


@pytest.fixture
def readers_need(municipality, reader):
    """The reader is its contact; it is written in Ukrainian only."""
    return NeedFactory(
        municipality=municipality,
        contact=reader,
        original_language="uk",
        title_en="",
        title_uk="Лікарняні ліжка",
    )


def _match(need, offer_title: str, contact, *, on=YESTERDAY, at=time(14), score=0.8) -> Match:
    offer = OfferFactory(
        municipality=contact.memberships.first().municipality, contact=contact, title_en=offer_title
    )
    match = MatchFactory(need=need, offer=offer, score=score)
    announced = datetime.combine(on, at, tzinfo=timezone.get_current_timezone())
    Match.objects.filter(pk=match.pk).update(created_at=announced, notified_at=announced)
    return match


def _send(capture, **kwargs) -> int:
    with capture(execute=True):
        return send_match_digests(**kwargs)


def test_a_reader_gets_yesterdays_matches_in_one_email(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    first = _match(readers_need, "Hospital beds to give", german_official, at=time(0, 5))
    second = _match(readers_need, "Twelve care beds", german_official, at=time(23, 55), score=0.9)

    assert _send(django_capture_on_commit_callbacks) == 1

    [digest] = mail.outbox
    assert digest.to == [reader.email]
    assert "2" in digest.subject
    assert "Вітаємо" in digest.body
    assert digest.body.index("Twelve care beds") < digest.body.index("Hospital beds to give")
    for match in (first, second):
        assert f"/uk/matches/{match.pk}/" in digest.body
    assert "Медичне обладнання" in digest.body
    assert "/uk/matches/unsubscribe/" in digest.body
    assert "/uk/matches/unsubscribe/" in digest.alternatives[0][0]
    # The German official chose "immediately" (the default): no digest for them.
    assert OutgoingEmail.objects.get().key == f"digest:{reader.pk}:{YESTERDAY.isoformat()}"


def test_the_digest_of_a_day_goes_out_once(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    _match(readers_need, "Hospital beds to give", german_official)

    assert _send(django_capture_on_commit_callbacks) == 1
    assert _send(django_capture_on_commit_callbacks) == 0
    # The next morning yesterday is caught up on again, and still nothing is sent twice.
    assert _send(django_capture_on_commit_callbacks, today=TODAY + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_todays_matches_wait_for_tomorrows_digest(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    _match(readers_need, "Hospital beds to give", german_official, on=TODAY)

    assert _send(django_capture_on_commit_callbacks) == 0
    assert _send(django_capture_on_commit_callbacks, today=TODAY + timedelta(days=1)) == 1
    assert "Hospital beds to give" in mail.outbox[0].body


def test_a_lost_digest_is_caught_up_the_next_day(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    _match(readers_need, "Hospital beds to give", german_official)

    # Yesterday's run never happened; today's covers the day before too.
    assert _send(django_capture_on_commit_callbacks, today=TODAY + timedelta(days=1)) == 1
    assert OutgoingEmail.objects.get().key.endswith(YESTERDAY.isoformat())


def test_weak_dismissed_and_closed_matches_stay_out(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    _match(readers_need, "Weak", german_official, score=NOTIFY_THRESHOLD - 0.01)
    dismissed = _match(readers_need, "Dismissed", german_official)
    closed = _match(readers_need, "Closed", german_official)
    Match.objects.filter(pk=dismissed.pk).update(status=Match.Status.DISMISSED)
    Match.objects.filter(pk=closed.pk).update(status=Match.Status.CLOSED)

    assert _send(django_capture_on_commit_callbacks) == 0


def test_readers_who_chose_otherwise_get_no_digest(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    _match(readers_need, "Hospital beds to give", german_official)
    reader.match_emails = User.MatchEmails.OFF
    reader.save()

    assert _send(django_capture_on_commit_callbacks) == 0


def test_a_match_already_emailed_on_its_own_is_left_out(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    emailed = _match(readers_need, "Emailed at once", german_official, at=time(9))
    Match.objects.filter(pk=emailed.pk).update(notified_at=None)
    reader.match_emails = User.MatchEmails.IMMEDIATELY
    reader.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify_new_matches([emailed])
    assert reader.email in {message.to[0] for message in mail.outbox}
    at_nine = datetime.combine(YESTERDAY, time(9), tzinfo=timezone.get_current_timezone())
    Match.objects.filter(pk=emailed.pk).update(notified_at=at_nine)
    # In the afternoon the reader switches to the digest.
    reader.match_emails = User.MatchEmails.DAILY
    reader.save()
    _match(readers_need, "Found later", german_official, at=time(16))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_match_digest_of(YESTERDAY) == 1

    [digest] = mail.outbox
    assert "Found later" in digest.body
    assert "Emailed at once" not in digest.body


def test_a_day_s_digest_has_the_matches_announced_that_day_whenever_they_were_found(
    readers_need, reader, german_official, django_capture_on_commit_callbacks
):
    risen = _match(readers_need, "Found earlier, good since yesterday", german_official)
    earlier = datetime.combine(
        TODAY - timedelta(days=5), time(8), tzinfo=timezone.get_current_timezone()
    )
    Match.objects.filter(pk=risen.pk).update(created_at=earlier)
    today = _match(readers_need, "Found yesterday, good since today", german_official)
    Match.objects.filter(pk=today.pk).update(notified_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert send_match_digest_of(YESTERDAY) == 1

    [digest] = mail.outbox
    assert "Found earlier, good since yesterday" in digest.body
    assert "good since today" not in digest.body
