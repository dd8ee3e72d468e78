"""A dismissed pair leaves its place in a posting's list to the next best offer, whether the
posting is matched on its own or in `match --all`."""

import pytest
from django.core.management import call_command

from matching.engine import pipeline, weights
from matching.models import Match
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need_and_offers(monkeypatch):
    """Lists of one: the need's best offer, and each offer's best need — another need, which
    the offers' 20 beds cover fully (the need's 40 only half), so that in `match --all` only
    the need's own list can suggest its pairs."""
    monkeypatch.setattr(weights, "KEEP_PER_POSTING", 1)
    need = NeedFactory(quantity=40)
    NeedFactory(quantity=5)
    offers = [OfferFactory(municipality=MunicipalityFactory(), quantity=20) for _ in range(2)]
    return need, offers


def _suggested(need) -> list:
    return list(
        Match.objects.filter(need=need, status=Match.Status.SUGGESTED).values_list(
            "offer", flat=True
        )
    )


def _dismiss_the_suggestion(need) -> int:
    (offer_id,) = _suggested(need)
    Match.objects.filter(need=need, offer_id=offer_id).update(
        status=Match.Status.DISMISSED, dismissed_by=Match.Side.NEED
    )
    return offer_id


def test_matching_a_posting_suggests_the_next_best_after_a_dismissal(need_and_offers):
    need, offers = need_and_offers
    pipeline.match_posting(need)
    dismissed = _dismiss_the_suggestion(need)
    pipeline.match_posting(need)
    (other,) = {offer.pk for offer in offers} - {dismissed}
    assert _suggested(need) == [other]
    assert Match.objects.get(need=need, offer_id=dismissed).status == Match.Status.DISMISSED


def test_the_full_rematch_suggests_the_next_best_after_a_dismissal(need_and_offers):
    need, offers = need_and_offers
    call_command("match", "--all", "--no-progress")
    dismissed = _dismiss_the_suggestion(need)
    call_command("match", "--all", "--no-progress")
    (other,) = {offer.pk for offer in offers} - {dismissed}
    assert _suggested(need) == [other]
    assert Match.objects.get(need=need, offer_id=dismissed).status == Match.Status.DISMISSED
