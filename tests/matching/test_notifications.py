"""A new good match emails the people of both sides, each in their language and as they chose,
and never twice."""

import pytest
from django.core import mail

from accounts.models import User
from core.models import OutgoingEmail
from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Match
from matching.notifications import notify_new_matches
from matching.tasks import match_posting
from municipalities.models import Membership
from tests.factories import REASONS, MatchFactory, MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_official(other_municipality):
    return MembershipFactory(
        municipality=other_municipality,
        role=Membership.Role.OFFICIAL,
        user__email="jonas@esslingen.example",
        user__first_name="Jonas",
        user__language="en",
    ).user


@pytest.fixture
def match(municipality, other_municipality, manager, german_official):
    need = NeedFactory(
        municipality=municipality,
        contact=manager,
        original_language="uk",
        title_en="",
        title_uk="Лікарняні ліжка для обласної лікарні",
    )
    offer = OfferFactory(
        municipality=other_municipality, contact=german_official, title_en="Hospital beds to give"
    )
    return MatchFactory(need=need, offer=offer, reasons=REASONS)


def _notify(matches, capture) -> int:
    with capture(execute=True):
        return notify_new_matches(matches)


def _sent_to(address: str):
    return [message for message in mail.outbox if message.to == [address]]


def test_each_side_is_emailed_in_its_own_language(
    match, manager, german_official, django_capture_on_commit_callbacks
):
    assert _notify([match], django_capture_on_commit_callbacks) == 2

    [ukrainian] = _sent_to(manager.email)
    html = ukrainian.alternatives[0][0]
    for part in (ukrainian.body, html):
        assert "Вітаємо" in part
        assert "Hospital beds to give" in part  # the other side's offer
        assert "Esslingen am Neckar" in part
        assert "Медичне обладнання" in part  # the reasons, in Ukrainian
        assert f"/uk/matches/{match.pk}/" in part
        assert "/uk/matches/unsubscribe/" in part
    assert "Hospital beds to give" in ukrainian.subject

    [english] = _sent_to(german_official.email)
    assert english.body.startswith("Hello Jonas")
    assert english.subject == "A city needs what you offer: Лікарняні ліжка для обласної лікарні"
    assert "same topic: Medical equipment" in english.body
    assert "offer covers 20 of 20 beds" in english.body
    assert f"/en/matches/{match.pk}/" in english.body
    assert "/en/matches/unsubscribe/" in english.body
    assert "/en/accounts/notifications/" in english.body


def test_the_same_match_is_never_emailed_twice(
    match, manager, german_official, django_capture_on_commit_callbacks
):
    assert _notify([match], django_capture_on_commit_callbacks) == 2
    # A retried or duplicated task, or the pipeline reporting the match once more.
    assert _notify([match], django_capture_on_commit_callbacks) == 0
    assert _notify([match, match], django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert set(OutgoingEmail.objects.values_list("key", flat=True)) == {
        f"match:{match.pk}:{manager.pk}",
        f"match:{match.pk}:{german_official.pk}",
    }


def test_each_reader_gets_what_they_chose(
    match, manager, german_official, django_capture_on_commit_callbacks
):
    manager.match_emails = User.MatchEmails.DAILY
    manager.save()
    german_official.match_emails = User.MatchEmails.OFF
    german_official.save()

    assert _notify([match], django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    match.refresh_from_db()
    assert match.notified_at is not None  # announced; the digest picks it up for the manager


def test_immediately_is_the_default(new_user):
    assert new_user.match_emails == User.MatchEmails.IMMEDIATELY


def test_a_posting_without_a_contact_notifies_its_managers(
    match, manager, outsider, django_capture_on_commit_callbacks
):
    match.offer.contact = None  # the offer of other_municipality, whose manager is outsider
    match.offer.save()

    _notify([match], django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [manager.email, outsider.email]
    )
    assert "you are a manager of Esslingen am Neckar" in _sent_to(outsider.email)[0].body


def test_an_inactive_contact_is_replaced_by_the_managers(
    match, outsider, german_official, django_capture_on_commit_callbacks
):
    german_official.is_active = False
    german_official.save()

    _notify([match], django_capture_on_commit_callbacks)

    assert _sent_to(german_official.email) == []
    assert len(_sent_to(outsider.email)) == 1


@pytest.mark.parametrize(
    ("score", "status"),
    [
        (NOTIFY_THRESHOLD - 0.01, Match.Status.SUGGESTED),
        (0.9, Match.Status.DISMISSED),
        (0.9, Match.Status.CLOSED),
    ],
)
def test_weak_or_settled_matches_are_not_emailed(
    match, score, status, django_capture_on_commit_callbacks
):
    Match.objects.filter(pk=match.pk).update(score=score, status=status)

    assert _notify([match], django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_match_that_rises_past_the_threshold_is_announced_when_it_does(
    match, manager, german_official, django_capture_on_commit_callbacks
):
    """Stored weak earlier (say, before the need was edited), good now: the posting's task
    announces it, though the match is not new."""
    Match.objects.filter(pk=match.pk).update(score=NOTIFY_THRESHOLD - 0.2)
    assert _notify([match], django_capture_on_commit_callbacks) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert match_posting.delay("needs.need", match.need_id).get() == 0, "nothing new"
    match.refresh_from_db()
    assert match.score >= NOTIFY_THRESHOLD
    assert match.notified_at is not None
    assert {message.to[0] for message in mail.outbox} == {manager.email, german_official.email}
