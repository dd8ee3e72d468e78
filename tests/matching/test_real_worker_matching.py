"""A real Celery worker, a real Redis: publish a need → matching task after commit → Match row →
new-match email sent by the worker."""

from pathlib import Path

import pytest

from core.models import OutgoingEmail
from matching.engine.pipeline import ensure_embeddings
from matching.models import Match
from municipalities.models import Membership
from needs.models import Need
from postings.services import lifecycle
from tests.celery_worker import wait_for
from tests.factories import MembershipFactory, OfferFactory, taxonomy

pytestmark = pytest.mark.django_db(transaction=True)

NEED_TITLE = "Hospital beds for the regional hospital"


@pytest.fixture
def published_offer(other_municipality):
    """Published and embedded before the need arrives, as the worker would have left it."""
    contact = MembershipFactory(
        municipality=other_municipality,
        role=Membership.Role.OFFICIAL,
        user__email="jonas@esslingen.example",
    ).user
    offer = OfferFactory(
        municipality=other_municipality,
        contact=contact,
        title_en="Hospital beds to give",
        description_en="Twenty hospital beds with mattresses from a clinic that is moving.",
    )
    ensure_embeddings([offer])
    return offer


def _sent_files(mail_dir: Path) -> list[str]:
    return [path.read_text() for path in mail_dir.iterdir()] if mail_dir.exists() else []


def test_publishing_a_need_is_matched_and_emailed_by_a_real_worker(
    worker: Path, published_offer, municipality, manager
):
    need = lifecycle.posting_create(
        user=manager,
        model=Need,
        municipality=municipality,
        publish=True,
        original_language="en",
        title_en=NEED_TITLE,
        description_en="Twenty hospital beds with mattresses for the regional hospital.",
        quantity=20,
        unit="beds",
        **taxonomy("health", "medical-equipment", "goods"),
    )

    assert wait_for(lambda: Match.objects.filter(need=need, offer=published_offer).exists())
    match = Match.objects.get(need=need, offer=published_offer)
    assert not Need.objects.get(pk=need.pk).match_pending

    # Both contacts: the manager who posted the need, and the offer's contact.
    assert wait_for(
        lambda: OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == 2
    ), list(OutgoingEmail.objects.values("to", "status", "last_error"))
    match.refresh_from_db()
    assert match.notified_at is not None
    assert set(OutgoingEmail.objects.values_list("key", flat=True)) == {
        f"match:{match.pk}:{manager.pk}",
        f"match:{match.pk}:{published_offer.contact_id}",
    }
    files = _sent_files(worker)
    assert any(NEED_TITLE in text and "jonas@esslingen.example" in text for text in files)
    assert any(f"/matches/{match.pk}/" in text for text in files)
