"""Any logged-in official of a verified municipality can report a posting, with a reason."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from needs.models import Need
from postings.models import Posting, PostingReport
from postings.services.moderation import moderation_queue
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _report(client, need, reason="Looks like a scam: asks for money up front."):
    return client.post(reverse("needs:report", args=[need.pk]), {"reason": reason})


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_an_official_of_another_municipality_can_report(outsider_client, outsider, need):
    response = _report(outsider_client, need)

    assert response.url == need.get_absolute_url()
    report = PostingReport.objects.get()
    assert report.posting == need
    assert report.reporter == outsider
    assert report.reason == "Looks like a scam: asks for money up front."
    assert _messages(response) == ["Thank you. A moderator will look at this posting."]
    assert need in moderation_queue(Need)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(outsider_client, need, reason):
    response = _report(outsider_client, need, reason)

    assert response.status_code == 302
    assert not PostingReport.objects.exists()
    assert _messages(response) == ["Please say what is wrong with this posting."]


def test_an_over_long_reason_is_refused(outsider_client, need):
    response = _report(outsider_client, need, "x" * 2001)

    assert not PostingReport.objects.exists()
    assert "at most 2000 characters" in _messages(response)[0]


def test_anonymous_visitors_cannot_report(client, need):
    response = _report(client, need)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not PostingReport.objects.exists()


def test_a_member_of_a_pending_municipality_cannot_report(pending_municipality, need):
    client = Client()
    client.force_login(MembershipFactory(municipality=pending_municipality).user)

    response = _report(client, need)

    assert response.status_code == 403
    assert not PostingReport.objects.exists()


def test_a_user_without_a_municipality_cannot_report(new_user, need):
    client = Client()
    client.force_login(new_user)

    response = _report(client, need)

    assert response.status_code == 403
    assert not PostingReport.objects.exists()


def test_a_draft_of_another_municipality_cannot_be_reported(
    outsider_client, municipality, official
):
    draft = NeedFactory(municipality=municipality, status=Posting.Status.DRAFT)

    response = _report(outsider_client, draft)

    assert response.status_code == 404
    assert not PostingReport.objects.exists()


def test_an_offer_can_be_reported(outsider_client, municipality):
    offer = OfferFactory(municipality=municipality)

    outsider_client.post(reverse("offers:report", args=[offer.pk]), {"reason": "Duplicate."})

    assert PostingReport.objects.get().posting == offer
