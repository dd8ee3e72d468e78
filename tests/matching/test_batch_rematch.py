"""The full rematch (`match --all`) stores what matching each posting on its own would."""

from datetime import date

import numpy as np
import pytest
from django.core.management import call_command

from matching.engine import pipeline, weights
from matching.engine.announce import announcement_score
from matching.engine.partners import Partners
from matching.engine.ranking import batch_source, row_source
from matching.engine.scoring import Lookups, signals
from matching.models import Match
from matching.sides import Side
from municipalities.models import Municipality
from postings.models import Posting, written_in
from tests.factories import (
    MunicipalityFactory,
    NeedFactory,
    OfferFactory,
    PartnershipFactory,
    taxonomy,
)
from tests.matching.random_index import random_index

pytestmark = pytest.mark.django_db

# Stored scores are rounded to 4 places; the batch's matrix product may round the text
# similarity's last float32 bit differently from the single matrix-vector product.
SCORE_TOLERANCE = 1.01e-4


def _posting(factory, municipality, language: str, title: str, description: str, **fields):
    return factory(
        municipality=municipality,
        original_language=language,
        title_en="",
        description_en="",
        **written_in(language, title=title, description=description),
        **fields,
    )


@pytest.fixture
def postings(municipality, other_municipality):
    """Needs of a Ukrainian and a Polish city, offers of a German and the Polish city; the
    Polish and the German city are partners."""
    polish = MunicipalityFactory(name_en="Lublin", slug="lublin", country="PL", languages=["pl"])
    PartnershipFactory(members=[polish, other_municipality], started_on=date(2021, 4, 1))
    beds = taxonomy("health", "medical-equipment", "goods")
    fire = taxonomy("civil-protection", "firefighting", "goods")
    power = taxonomy("energy", "generators", "goods")
    needs = [
        _posting(NeedFactory, municipality, "uk", "Лікарняні ліжка", "Двадцять ліжок.", **beds),
        _posting(NeedFactory, municipality, "uk", "Пожежне спорядження", "Шоломи.", **fire),
        _posting(NeedFactory, polish, "pl", "Agregaty prądotwórcze", "Dwa agregaty.", **power),
    ]
    offers = [
        _posting(OfferFactory, other_municipality, "de", "Krankenhausbetten", "Betten.", **beds),
        _posting(OfferFactory, other_municipality, "de", "Pflegebetten", "Zehn Betten.", **beds),
        _posting(OfferFactory, other_municipality, "de", "Feuerwehrhelme", "Helme.", **fire),
        _posting(OfferFactory, other_municipality, "de", "Stromaggregate", "Diesel.", **power),
        _posting(OfferFactory, polish, "pl", "Łóżka szpitalne", "Łóżka.", **beds),
    ]
    return needs, offers


def _stored() -> dict[tuple[int, int], tuple[float, list, str]]:
    return {(m.need_id, m.offer_id): (m.score, m.reasons, m.status) for m in Match.objects.all()}


def _alone(posting: Posting) -> dict:
    """What matching this one posting stores, from nothing."""
    Match.objects.all().delete()
    pipeline.match_posting(posting)
    return _stored()


def test_it_stores_what_matching_each_posting_alone_stores(postings, monkeypatch):
    monkeypatch.setattr(weights, "KEEP_PER_POSTING", 2)  # so that the lists leave pairs out
    needs, offers = postings
    by_need = [_alone(need) for need in needs]
    by_offer = [_alone(offer) for offer in offers]
    Match.objects.all().delete()

    call_command("match", "--all", "--no-progress")
    batch = _stored()

    from_needs = {pair: row for rows in by_need for pair, row in rows.items()}
    from_offers = {pair: row for rows in by_offer for pair, row in rows.items()}
    assert set(batch) == set(from_needs) | set(from_offers)
    assert max(len(rows) for rows in by_need) == 2, "a need's own list is cut"
    assert set(from_offers) - set(from_needs), "some pairs are only in an offer's list"
    for pair, (score, reasons, status) in batch.items():
        expected = from_needs.get(pair) or from_offers[pair]
        assert score == pytest.approx(expected[0], abs=SCORE_TOLERANCE)
        assert reasons == expected[1], "explained as the need's own run (else the offer's)"
        assert status == Match.Status.SUGGESTED
    assert {"code": "partners", "since": 2021} in batch[needs[2].pk, offers[3].pk][1]


def test_suggestions_of_a_withdrawn_offer_close_and_reopen_when_it_is_back(postings):
    _needs, offers = postings
    call_command("match", "--all", "--no-progress")
    assert Match.objects.filter(offer=offers[0], status="suggested").exists()

    type(offers[0]).objects.filter(pk=offers[0].pk).update(status=Posting.Status.WITHDRAWN)
    call_command("match", "--all", "--no-progress")
    assert set(Match.objects.filter(offer=offers[0]).values_list("status", flat=True)) == {"closed"}

    type(offers[0]).objects.filter(pk=offers[0].pk).update(status=Posting.Status.PUBLISHED)
    call_command("match", "--all", "--no-progress")
    assert Match.objects.filter(offer=offers[0], status="suggested").exists()
    assert not Match.objects.filter(offer=offers[0], status="closed").exists()


def test_postings_of_an_unverified_municipality_drop_out(postings, other_municipality):
    call_command("match", "--all", "--no-progress")
    Municipality.objects.filter(pk=other_municipality.pk).update(status="pending")
    call_command("match", "--all", "--no-progress")
    assert not Match.objects.filter(
        offer__municipality=other_municipality, status="suggested"
    ).exists()


@pytest.mark.parametrize("side", list(Side))
def test_a_batch_of_sources_scores_each_row_as_the_single_source_does(side):
    rng = np.random.default_rng(4)
    sources, candidates = random_index(rng, 12), random_index(rng, 300)
    lookups = Lookups(
        kinds={(1, 2): 0.8, (2, 1): 0.8, (3, 1): 0.6, (1, 4): 0.4},
        partners=Partners({(1, 2): 2019, (2, 5): 2023, (3, 6): 1990}),
    )
    batch = signals(batch_source(sources, slice(0, 12), side=side), candidates, lookups)
    for row in range(12):
        alone = signals(row_source(sources, row, side=side), candidates, lookups)
        names = (
            "topic",
            "same_sector",
            "kind",
            "quantity",
            "distance_km",
            "date",
            "partners_since",
            "shared_country",
            "distance",
        )
        for name in names:
            np.testing.assert_array_equal(getattr(batch, name)[row], getattr(alone, name))
        # A float32 sum of 384 products, added up in another order by the matrix product.
        for name in ("cosine", "title", "unit"):
            np.testing.assert_allclose(getattr(batch, name)[row], getattr(alone, name), atol=5e-6)
        np.testing.assert_allclose(
            announcement_score(batch)[row], announcement_score(alone), atol=1e-5
        )
    assert 0 < np.mean(batch.text > 0) < 1, "the text signal varies in this data"
    assert set(np.unique(batch.partners_since)) == {0, 1990, 2019, 2023}
