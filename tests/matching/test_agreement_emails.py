"""The other side hears, by email in their own language, when a city proposes or changes the
agreed quantity, accepts, or confirms the delivery: once per step, through the outbox, and not
at all when they turned match emails off."""

from decimal import Decimal

import pytest
from django.core import mail

from accounts.models import User
from core.models import OutgoingEmail
from matching import services
from matching.models import Match

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacted(match, official) -> Match:
    services.match_contact(user=official, match=match)
    return match


def _sent(django_capture_on_commit_callbacks, step) -> list:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step()
    return list(mail.outbox)


def test_a_proposal_is_emailed_to_the_other_side_in_their_language(
    contacted, official, giver, django_capture_on_commit_callbacks
):
    sent = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.match_agree(user=official, match=contacted, quantity=Decimal(12)),
    )

    assert [email.to for email in sent] == [[giver.email]]
    assert "Kamianets-Podilskyi" in sent[0].subject
    assert "Potrzeba:" in sent[0].body  # Polish, the giver's language
    assert "12 beds" in sent[0].body
    assert f"/matches/{contacted.pk}/#agreement" in sent[0].body
    assert OutgoingEmail.objects.get(to=giver.email).language == "pl"


def test_the_acceptance_is_emailed_to_the_side_that_proposed(
    contacted, official, giver, django_capture_on_commit_callbacks
):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))

    sent = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.match_accept(user=giver, match=contacted),
    )

    assert [email.to for email in sent] == [[official.email]]
    assert "Lublin accepted" in sent[0].subject
    assert "agreed on 12 beds" in sent[0].body


def test_a_change_of_the_agreed_quantity_says_from_what_to_what(
    contacted, official, giver, django_capture_on_commit_callbacks
):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    services.match_accept(user=giver, match=contacted)
    giver.language = "en"
    giver.save()

    sent = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.match_agree(user=official, match=contacted, quantity=Decimal(10)),
    )

    assert [email.to for email in sent] == [[giver.email]]
    assert "change the agreed quantity" in sent[0].subject
    assert "from 12 beds to 10 beds" in sent[0].body


def test_the_delivery_is_emailed_to_the_giving_city(
    contacted, official, giver, django_capture_on_commit_callbacks
):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    services.match_accept(user=giver, match=contacted)

    sent = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.match_deliver(user=official, match=contacted),
    )

    assert [email.to for email in sent] == [[giver.email]]
    assert "potwierdziło dostawę" in sent[0].subject  # the giver reads Polish


def test_nobody_who_turned_match_emails_off_is_emailed(
    contacted, official, giver, django_capture_on_commit_callbacks
):
    giver.match_emails = User.MatchEmails.OFF
    giver.save()

    sent = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.match_agree(user=official, match=contacted, quantity=Decimal(12)),
    )

    assert sent == []
