"""The TF-IDF baseline: numpy TF-IDF, and offers of the need's sector with its topic first."""

import numpy as np
import pytest

from matching_lab.evaluation.baseline import ALERT_COSINE, baseline_rankings, tfidf_vectors, tokens
from matching_lab.evaluation.dataset import parse_labelled_set


def test_tokens_are_lowercased_words_of_two_letters_or_more():
    assert tokens("20 Ліжок, a Betten-Lager!") == ["ліжок", "betten", "lager"]


def test_tfidf_rows_are_unit_vectors_and_a_text_without_words_is_zero():
    vectors = tfidf_vectors(["hospital beds", "fire engines", "12 3"])

    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1)
    assert not vectors[2].any()


def test_tfidf_cosine_is_one_for_the_same_words_and_zero_for_none_shared():
    vectors = tfidf_vectors(["hospital beds", "beds hospital", "fire engines"])
    cosines = vectors @ vectors.T

    assert cosines[0, 1] == pytest.approx(1)
    assert cosines[0, 2] == 0


def test_a_rare_shared_word_counts_more_than_a_common_one():
    vectors = tfidf_vectors(
        ["city beds", "city ventilators", "city school", "city beds for hospitals"]
    )
    cosines = vectors @ vectors.T

    # "beds" is in two texts, "city" in all four.
    assert cosines[0, 3] > cosines[0, 1]


def _posting(key, municipality, sector, topic, title):
    return {
        "key": key, "municipality": municipality, "language": "en", "title": title,
        "description": title, "sector": sector, "topic": topic, "help_kind": "goods",
        "quantity": None, "unit": None, "needed_by": None,
    }  # fmt: skip


def _labelled(offers, needs=None):
    return parse_labelled_set(
        {
            "municipalities": [
                {
                    "key": key,
                    "name": key,
                    "country": "DE",
                    "lat": None,
                    "lon": None,
                    "population": None,
                }
                for key in ("m-need", "m-offer")
            ],
            "needs": needs
            or [_posting("n1", "m-need", "health", "medical-equipment", "hospital beds")],
            "offers": offers,
            "relevant": {},
        }
    )


def test_the_baseline_ranks_same_topic_first_then_by_text():
    labelled = _labelled(
        [
            _posting("o-words", "m-offer", "health", "medicines", "hospital beds and more beds"),
            _posting("o-topic", "m-offer", "health", "medical-equipment", "ventilators"),
            _posting("o-topic-words", "m-offer", "health", "medical-equipment", "beds"),
            _posting("o-sector", "m-offer", "health", None, "insulin"),
        ]
    )

    ranked = baseline_rankings(labelled).ranked["n1"]

    assert ranked == ["o-topic-words", "o-topic", "o-words", "o-sector"]


def test_the_baseline_leaves_out_other_sectors_and_the_needs_own_municipality():
    labelled = _labelled(
        [
            _posting("o-energy", "m-offer", "energy", None, "hospital beds"),
            _posting("o-own", "m-need", "health", None, "hospital beds"),
            _posting("o-fine", "m-offer", "health", None, "stretchers"),
        ]
    )

    assert baseline_rankings(labelled).ranked["n1"] == ["o-fine"]


def test_the_baseline_alarms_when_a_same_sector_offer_is_similar_enough():
    labelled = _labelled(
        [
            _posting("o1", "m-offer", "health", None, "hospital beds"),
            _posting("o2", "m-offer", "health", None, "insulin pens"),
        ],
        needs=[
            _posting("n-beds", "m-need", "health", None, "beds for the hospital"),
            _posting("n-masks", "m-need", "health", None, "surgical masks"),
        ],
    )

    rankings = baseline_rankings(labelled)

    assert ALERT_COSINE == 0.2
    assert rankings.alarmed == {"n-beds"}
