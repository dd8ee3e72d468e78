"""Besides its whole text, a posting's title and unit are embedded: the announcement compares
which item the two titles name and whether the two quantities count the same thing."""

from datetime import date

import numpy as np
import pytest

from core import embedding
from matching.engine.partners import Partners
from matching.engine.pipeline import ensure_embeddings, match_posting, open_index
from matching.engine.ranking import batch_source, row_source
from matching.engine.scoring import Lookups, signals
from matching.engine.texts import PostingTexts, posting_text
from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Match, NeedEmbedding
from matching.sides import Side
from needs.models import Need
from tests.factories import NeedFactory, OfferFactory, taxonomy
from tests.matching.random_index import random_index

pytestmark = pytest.mark.django_db


def _generators(municipality, **fields):
    defaults = {
        "original_language": "uk",
        "title_en": "",
        "description_en": "",
        "title_uk": "Генератори для міської лікарні",
        "description_uk": "Під час відключень електроенергії лікарня залишається без "
        "живлення. Потрібні 2 дизельні генератори для реанімації та операційних.",
        "quantity": 2,
        "unit": "генератори",
        "needed_by": date(2027, 10, 1),
        **taxonomy("health", "medical-equipment", "goods"),
    }
    return NeedFactory(municipality=municipality, **{**defaults, **fields})


def _offer(municipality, **fields):
    """An offer of the same topic, kind and dates as the need for generators."""
    defaults = {
        "title_en": "",
        "description_en": "",
        "available_until": date(2027, 12, 31),
        **taxonomy("health", "medical-equipment", "goods"),
    }
    return OfferFactory(municipality=municipality, **{**defaults, **fields})


def test_an_offer_of_another_item_counted_in_other_units_is_not_announced(
    municipality, other_municipality
):
    """4 dialysis machines "cover" 2 generators twice over, in the same topic: the quantities
    count different things, and the titles name different items."""
    need = _generators(municipality)
    _offer(
        other_municipality,
        original_language="en",
        title_en="Refurbished haemodialysis machines",
        description_en="Our municipal hospital replaced its dialysis unit and gives away four "
        "refurbished haemodialysis machines with their water treatment, for a hospital.",
        quantity=4,
        unit="machines",
    )

    match_posting(need)

    match = Match.objects.get(need=need)
    assert match.score < NOTIFY_THRESHOLD


def test_the_same_item_in_the_same_units_is_announced(municipality, other_municipality):
    need = _generators(municipality)
    _offer(
        other_municipality,
        original_language="de",
        title_de="Notstromgeneratoren für ein Krankenhaus",
        description_de="Die Stadtwerke geben 3 Dieselgeneratoren (100 kVA) für die "
        "Notstromversorgung eines Krankenhauses ab.",
        quantity=3,
        unit="Generatoren",
    )

    match_posting(need)

    assert Match.objects.get(need=need).score >= NOTIFY_THRESHOLD


def test_the_title_and_the_unit_are_embedded_beside_the_whole_text(municipality):
    need = _generators(municipality)
    untitled_unit = _generators(municipality, quantity=None, unit="")

    ensure_embeddings([need, untitled_unit])

    stored = NeedEmbedding.objects.get(need=need)
    assert stored.title_vector is not None
    assert stored.unit_vector is not None
    assert bytes(stored.title_vector) != bytes(stored.vector)
    assert NeedEmbedding.objects.get(need=untitled_unit).unit_vector is None


def test_a_new_unit_is_embedded_again(municipality):
    need = _generators(municipality)
    ensure_embeddings([need])
    before = bytes(NeedEmbedding.objects.get(need=need).unit_vector)

    need.unit = "агрегати"
    need.save()
    ensure_embeddings([need])

    stored = NeedEmbedding.objects.get(need=need)
    assert bytes(stored.unit_vector) != before
    assert stored.source == PostingTexts.of(need).key


def test_postings_embedded_before_titles_were_are_embedded_again_with_the_index(municipality):
    need = _generators(municipality, status=Need.Status.PUBLISHED)
    ensure_embeddings([need])
    # As stored before: the whole text's vector, keyed by that text alone.
    NeedEmbedding.objects.filter(need=need).update(
        title_vector=None, unit_vector=None, source=embedding.source_key(posting_text(need))
    )

    index = open_index(Need)

    assert NeedEmbedding.objects.get(need=need).title_vector is not None
    [row] = np.flatnonzero(index.ids == need.pk)
    assert index.unit_row[row] > 0
    assert np.linalg.norm(index.title_vectors[row]) == pytest.approx(1, abs=1e-3)


def test_where_either_side_gives_no_unit_the_units_neither_agree_nor_disagree():
    rng = np.random.default_rng(7)
    sources, candidates = random_index(rng, 3), random_index(rng, 40)
    lookups = Lookups(kinds={}, partners=Partners({}))

    sources.unit_row[:] = [2, 0, 1]  # the first gives a unit, the second none

    with_unit, without = (
        signals(row_source(sources, row, side=Side.NEED), candidates, lookups) for row in (0, 1)
    )
    batch = signals(batch_source(sources, slice(0, 3), side=Side.NEED), candidates, lookups)

    no_unit = candidates.unit_row == 0
    assert no_unit.any()
    assert np.all(without.unit == 0.5)
    assert np.all(with_unit.unit[no_unit] == 0.5)
    assert np.all(with_unit.unit[~no_unit] == 1.0)  # the random vectors lie close together
    np.testing.assert_allclose(batch.unit[:2], [with_unit.unit, without.unit], atol=5e-6)


def test_a_unit_is_embedded_once_per_process(municipality, monkeypatch):
    embedded: list[str] = []

    def recording(texts):
        embedded.extend(texts)
        return real_embed(texts)

    real_embed = embedding.embed
    monkeypatch.setattr(embedding, "embed", recording)
    first = _generators(municipality, unit="дизель-генератори")
    second = _generators(municipality, unit="дизель-генератори", title_uk="Генератори для школи")

    ensure_embeddings([first])
    ensure_embeddings([second])

    assert embedded.count("дизель-генератори") == 1
    assert "Генератори для школи" in embedded
    stored = NeedEmbedding.objects.filter(need__in=[first, second])
    assert len({bytes(row.unit_vector) for row in stored}) == 1
