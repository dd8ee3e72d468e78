"""Who speaks for a posting: its contact person while active, else its municipality's active
managers; one rule for the match page and for reminder, moderation, match and message emails."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching import services
from postings.selectors import posting_contacts
from postings.services import moderation
from postings.tasks import remind_stale_postings
from tests.factories import MatchFactory, MembershipFactory, NeedFactory

pytestmark = pytest.mark.django_db


def test_the_active_contact_speaks_for_the_posting(municipality, manager, official):
    need = NeedFactory(municipality=municipality, contact=official)
    assert posting_contacts(need) == [official]


@pytest.mark.parametrize("contact", ["none", "inactive"])
def test_without_an_active_contact_the_managers_do(municipality, manager, official, contact):
    need = NeedFactory(municipality=municipality, contact=None if contact == "none" else official)
    official.is_active = False
    official.save()
    need.refresh_from_db()
    assert posting_contacts(need) == [manager]


def test_an_inactive_manager_never_speaks_for_a_posting(municipality, manager):
    manager.is_active = False
    manager.save()
    assert posting_contacts(NeedFactory(municipality=municipality, contact=None)) == []


def test_a_posting_whose_contact_was_deleted_reminds_the_managers_before_it_expires(
    municipality, manager, official, mailoutbox, django_capture_on_commit_callbacks
):
    need = NeedFactory(municipality=municipality, contact=official, title_en="Water pumps")
    official.delete()
    type(need).objects.filter(pk=need.pk).update(
        last_confirmed_at=timezone.now() - timedelta(days=31)
    )
    with django_capture_on_commit_callbacks(execute=True):
        remind_stale_postings.delay()
    assert [message.to for message in mailoutbox] == [[manager.email]]
    assert "Water pumps" in mailoutbox[0].subject


def test_the_hiding_email_goes_to_the_contact_only(
    municipality, manager, official, staff, mailoutbox, django_capture_on_commit_callbacks
):
    need = NeedFactory(municipality=municipality, contact=official)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.posting_hide(admin=staff, posting=need, reason="Not a real need.")
    assert [message.to for message in mailoutbox] == [[official.email]]


@pytest.mark.parametrize("offer_contact", ["official", "none"])
def test_a_message_is_emailed_to_whoever_speaks_for_the_other_side(
    municipality, manager, official, offering, giver, offer_contact, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    contact = MembershipFactory(municipality=offering).user if offer_contact == "official" else None
    match = MatchFactory(
        need__municipality=municipality,
        need__contact=official,
        offer__municipality=offering,
        offer__contact=contact,
    )
    services.match_contact(user=official, match=match)
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(user=official, match=match, body="When can you deliver?")
    assert [message.to for message in mailoutbox] == [[(contact or giver).email]]
