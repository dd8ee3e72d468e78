"""The plain baseline the engine must beat: offers of the need's sector (same topic first),
ranked by TF-IDF cosine of title and description.

- Candidates: offers in the need's sector, from another municipality.
- Order: offers with the need's topic first (when the need has one), then by TF-IDF cosine,
  then by key (so ties are stable).
- TF-IDF: words of two or more letters, lower-cased, no stemming and no stop-word list; raw
  term counts times the smoothed idf ``ln((1 + n) / (1 + df)) + 1`` over all needs and offers;
  rows scaled to unit length.
- A false alarm of the baseline: a need with no relevant offer that has a candidate with a
  cosine at or above ALERT_COSINE (what it would have notified); its notification figures
  count the candidate pairs at or above ALERT_COSINE.
"""

import re

import numpy as np

from matching_lab.evaluation.dataset import LabelledSet, PostingRow
from matching_lab.evaluation.metrics import Rankings

ALERT_COSINE = 0.2
WORD = re.compile(r"[^\W\d_]{2,}")


def tokens(text: str) -> list[str]:
    return WORD.findall(text.lower())


def tfidf_vectors(texts: list[str]) -> np.ndarray:
    """One unit row per text (a zero row for a text without words)."""
    documents = [tokens(text) for text in texts]
    vocabulary: dict[str, int] = {}
    for words in documents:
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
    counts = np.zeros((len(texts), len(vocabulary)), dtype=np.float64)
    for row, words in enumerate(documents):
        columns = np.fromiter((vocabulary[word] for word in words), dtype=np.int64)
        np.add.at(counts[row], columns, 1.0)
    document_frequency = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1
    weighted = counts * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    return np.divide(weighted, norms, out=np.zeros_like(weighted), where=norms > 0)


def _text(posting: PostingRow) -> str:
    return f"{posting.title}\n{posting.description}"


def baseline_rankings(labelled: LabelledSet) -> Rankings:
    vectors = tfidf_vectors([_text(p) for p in [*labelled.needs, *labelled.offers]])
    need_vectors, offer_vectors = vectors[: len(labelled.needs)], vectors[len(labelled.needs) :]
    cosines = need_vectors @ offer_vectors.T
    rankings = Rankings(ranked={})
    for row, need in enumerate(labelled.needs):
        candidates = [
            (column, offer)
            for column, offer in enumerate(labelled.offers)
            if offer.sector == need.sector and offer.municipality != need.municipality
        ]
        candidates.sort(
            key=lambda candidate: (
                not (need.topic is not None and candidate[1].topic == need.topic),
                -cosines[row, candidate[0]],
                candidate[1].key,
            )
        )
        rankings.ranked[need.key] = [offer.key for _column, offer in candidates]
        for column, offer in candidates:
            rankings.scores[need.key, offer.key] = float(cosines[row, column])
        if any(cosines[row, column] >= ALERT_COSINE for column, _offer in candidates):
            rankings.alarmed.add(need.key)
    return rankings
