"""Scoring one posting against every posting of the other side, vectorised.

Each signal is a number between 0 and 1 per candidate; the score is their weighted sum
(weights in matching/engine/weights.py)."""

from dataclasses import dataclass

import numpy as np

from matching.engine.index import NO_DATE, PostingIndex
from matching.engine.weights import (
    DISTANCE_SCALE_KM,
    KIND_SLUG_COMPATIBILITY,
    TEXT_CEILING,
    TEXT_FLOOR,
    WEIGHTS,
)


@dataclass
class Source:
    """The posting being matched, in the same terms as an index row."""

    sector: int
    topic: int
    kind: int
    quantity_open: float
    day: int
    latitude: float
    longitude: float
    municipality: int
    languages: int
    vector: np.ndarray
    is_need: bool


@dataclass
class Signals:
    text: np.ndarray
    cosine: np.ndarray
    topic: np.ndarray
    same_sector: np.ndarray
    kind: np.ndarray
    quantity: np.ndarray
    distance_km: np.ndarray
    distance: np.ndarray
    language: np.ndarray
    date: np.ndarray

    def score(self) -> np.ndarray:
        return sum(WEIGHTS[name] * getattr(self, name) for name in WEIGHTS)


def kind_matrix(kind_ids_by_slug: dict[str, int]) -> dict[tuple[int, int], float]:
    return {
        (kind_ids_by_slug[need], kind_ids_by_slug[offer]): weight
        for (need, offer), weight in KIND_SLUG_COMPATIBILITY.items()
        if need in kind_ids_by_slug and offer in kind_ids_by_slug
    }


def _haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    lat1, lon1, lat2, lon2 = map(np.radians, (lat, lon, lats, lons))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def signals(source: Source, index: PostingIndex, kinds: dict[tuple[int, int], float]) -> Signals:
    cosine = index.vectors @ source.vector
    text = np.clip((cosine - TEXT_FLOOR) / (TEXT_CEILING - TEXT_FLOOR), 0, 1)
    same_topic = (index.topic == source.topic) & (source.topic != 0)
    same_sector = index.sector == source.sector
    topic = np.where(same_topic, 1.0, np.where(same_sector, 0.5, 0.0))

    kind = (index.kind == source.kind).astype(np.float64)
    for (need_kind, offer_kind), weight in kinds.items():
        source_kind, other_kind = (
            (need_kind, offer_kind) if source.is_need else (offer_kind, need_kind)
        )
        if source.kind == source_kind:
            kind = np.where(index.kind == other_kind, np.maximum(kind, weight), kind)

    need_quantity, offer_quantity = (
        (source.quantity_open, index.quantity_open)
        if source.is_need
        else (index.quantity_open, source.quantity_open)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.clip(offer_quantity / need_quantity, 0, 1)
    quantity = np.where(np.isnan(coverage), 0.5, coverage)

    distance_km = _haversine_km(source.latitude, source.longitude, index.latitude, index.longitude)
    distance = np.where(np.isnan(distance_km), 0.5, 1 / (1 + distance_km / DISTANCE_SCALE_KM))
    language = ((index.languages & source.languages) != 0).astype(np.float64)

    need_day, offer_day = (source.day, index.day) if source.is_need else (index.day, source.day)
    # An offer that ends before the need's deadline can still help; one with no end always can.
    date = np.where(
        (np.asarray(need_day) == NO_DATE) | (np.asarray(offer_day) == NO_DATE),
        1.0,
        np.where(offer_day >= need_day, 1.0, 0.6),
    )

    not_own = index.municipality != source.municipality
    return Signals(
        text=text * not_own,
        cosine=cosine,
        topic=topic * not_own,
        same_sector=same_sector,
        kind=kind * not_own,
        quantity=quantity * not_own,
        distance_km=distance_km,
        distance=distance * not_own,
        language=language * not_own,
        date=date * not_own,
    )


def top_candidates(scores: np.ndarray, limit: int, minimum: float) -> np.ndarray:
    """Row numbers of the best `limit` scores at or above `minimum`, best first."""
    if len(scores) == 0:
        return np.zeros(0, dtype=np.int64)
    limit = min(limit, len(scores))
    best = np.argpartition(-scores, limit - 1)[:limit]
    best = best[scores[best] >= minimum]
    return best[np.argsort(-scores[best], kind="stable")]
