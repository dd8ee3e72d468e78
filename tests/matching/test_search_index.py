"""Matching gives postings' search the stored vectors, kept in the process and brought up to
date with what changed, without reading every vector again."""

import numpy as np
import pytest

from core import embedding
from matching import search_index
from matching.engine.pipeline import ensure_embeddings
from matching.models import NeedEmbedding
from needs.models import Need
from postings import search
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    search_index.forget()


def _query(text: str) -> np.ndarray:
    return search.query_vector(text)


def test_matching_provides_the_vectors_to_search():
    assert search._provider is search_index.vector_scores


def test_every_posting_with_a_vector_is_scored_the_closest_highest():
    beds = NeedFactory(title_en="Hospital beds", description_en="Beds with mattresses.")
    desks = NeedFactory(title_en="School desks", description_en="Desks and chairs.")
    NeedFactory(title_en="Not embedded yet")
    ensure_embeddings([beds, desks])

    ids, scores = search_index.vector_scores(Need, _query("beds for a hospital"))

    assert sorted(ids) == sorted([beds.pk, desks.pk])
    assert ids[np.argmax(scores)] == beds.pk


def test_a_changed_or_new_vector_is_read_alone(django_assert_num_queries):
    beds = NeedFactory(title_en="Hospital beds")
    ensure_embeddings([beds, NeedFactory(title_en="School desks")])
    search_index.vector_scores(Need, _query("beds"))
    generators = NeedFactory(title_en="Diesel generators")
    ensure_embeddings([generators])

    with django_assert_num_queries(2) as captured:  # the state, then the changed rows
        ids, scores = search_index.vector_scores(Need, _query("generators"))

    assert "vector" not in captured.captured_queries[0]["sql"]
    assert ids[np.argmax(scores)] == generators.pk
    with django_assert_num_queries(1):  # nothing changed: the state only
        search_index.vector_scores(Need, _query("generators"))


def test_a_vector_that_disappeared_is_forgotten():
    beds, desks = NeedFactory(title_en="Hospital beds"), NeedFactory(title_en="School desks")
    ensure_embeddings([beds, desks])
    search_index.vector_scores(Need, _query("beds"))
    NeedEmbedding.objects.filter(need=beds).delete()

    ids, _scores = search_index.vector_scores(Need, _query("beds"))

    assert list(ids) == [desks.pk]


def test_scores_are_of_centred_vectors():
    beds = NeedFactory(title_en="Hospital beds")
    ensure_embeddings([beds])
    stored = embedding.from_bytes(NeedEmbedding.objects.get(need=beds).vector)
    query = _query("hospital beds")

    _ids, [score] = search_index.vector_scores(Need, query)

    centred = stored - embedding.text_centre()
    assert score == pytest.approx(float(centred @ query / np.linalg.norm(centred)), abs=1e-5)
