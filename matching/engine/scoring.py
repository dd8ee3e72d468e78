"""Scoring postings against every posting of the other side, vectorised.

Each signal is a number between 0 and 1 per candidate; their weighted sum (weights in
matching/engine/weights.py) chooses the candidates; matching/engine/announce.py calibrates the
stored score from them. One source gives arrays of shape (n,); a batch of k
sources of one side (fields as arrays of shape (k, 1), vectors (k, d)) gives (k, n) with the
same values row by row, apart from float32 rounding in the matrix product. Source fields of
shape (n,), with `elementwise`, score n pairs, the i-th source against the i-th row."""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from matching.engine.index import NO_DATE, PostingIndex
from matching.engine.partners import Partners
from matching.engine.weights import (
    DISTANCE_SCALE_KM,
    KIND_SLUG_COMPATIBILITY,
    NO_PLACE_SAME_COUNTRY_KM,
    PARTNERSHIP_BOOST,
    TEXT_CEILING,
    TEXT_FLOOR,
    UNIT_CEILING,
    UNIT_FLOOR,
    WEIGHTS,
)
from matching.sides import Side


@dataclass
class Source:
    """The posting being matched, in the same terms as an index row; or a batch of postings of
    one side, each field then an array of shape (k, 1) and `vector` of shape (k, d)."""

    sector: int | np.ndarray
    topic: int | np.ndarray
    kind: int | np.ndarray
    quantity_open: float | np.ndarray
    day: int | np.ndarray
    latitude: float | np.ndarray
    longitude: float | np.ndarray
    country: int | np.ndarray
    municipality: int | np.ndarray
    languages: int | np.ndarray
    vector: np.ndarray
    title_vector: np.ndarray
    unit_vector: np.ndarray
    unit_known: bool | np.ndarray
    side: Side


@dataclass
class _Compared:
    """What the announcement-only signals are computed from, when first asked for: the ranking
    scores millions of pairs and keeps a few thousand, and needs neither."""

    source: Source
    index: PostingIndex
    elementwise: bool
    not_own: np.ndarray


@dataclass
class Signals:
    text: np.ndarray
    cosine: np.ndarray
    topic: np.ndarray
    same_sector: np.ndarray
    kind: np.ndarray
    quantity: np.ndarray
    distance_km: np.ndarray
    shared_country: np.ndarray  # country number where both are in one country, else 0
    distance: np.ndarray
    language: np.ndarray
    date: np.ndarray
    partners_since: np.ndarray  # year, 0 where the two municipalities are not partners
    # What the announcement and the reasons look at besides the weighted signals:
    need_open: np.ndarray  # the need's open quantity, NaN where it has none
    offer_open: np.ndarray  # the offer's open quantity, NaN where it has none
    need_day: np.ndarray  # needed by, as a day number (NO_DATE where not given)
    offer_day: np.ndarray  # available until, as a day number (NO_DATE where not given)
    need_kind: np.ndarray  # kind of help ids
    offer_kind: np.ndarray
    kind_slugs: dict[int, str]  # kind of help id → slug (Lookups.kind_slugs)
    compared: _Compared

    @cached_property
    def title(self) -> np.ndarray:
        """The titles' cosine, stretched as `text` is."""
        source, index, pairs = self.compared.source, self.compared.index, self.compared
        cosine = _cosine(source.title_vector, index.title_vectors, pairs.elementwise)
        return _stretched(cosine, TEXT_FLOOR, TEXT_CEILING) * pairs.not_own

    @cached_property
    def unit(self) -> np.ndarray:
        """The units' agreement, 0..1; 0.5 where either gives no unit."""
        source, index, pairs = self.compared.source, self.compared.index, self.compared
        if pairs.elementwise:
            cosine = _cosine(source.unit_vector, index.unit_table[index.unit_row], True)
        else:  # against each distinct unit once
            cosine = _cosine(source.unit_vector, index.unit_table, False)[..., index.unit_row]
        agreement = _stretched(cosine, UNIT_FLOOR, UNIT_CEILING)
        return np.where(source.unit_known & (index.unit_row > 0), agreement, 0.5)

    def fit(self) -> np.ndarray:
        """The weighted sum that chooses which pairs are kept (the ranking's candidates)."""
        weighted = sum(WEIGHTS[name] * getattr(self, name) for name in WEIGHTS)
        return self.lifted_for_partners(weighted)

    def lifted_for_partners(self, score: np.ndarray) -> np.ndarray:
        """Partners' pairs close PARTNERSHIP_BOOST of the gap between the score and 1."""
        return score + PARTNERSHIP_BOOST * (1 - score) * (self.partners_since > 0)


@dataclass
class Lookups:
    """What scoring looks up besides the postings: which kinds of help serve which
    ((source kind, candidate kind) → weight, from kind_matrix), and which municipalities are
    partners."""

    kinds: dict[tuple[int, int], float]
    partners: Partners
    # Kind of help id → slug, for the reasons (read with the rest, never while writing rows).
    kind_slugs: dict[int, str] = field(default_factory=dict)


def kind_matrix(kind_ids_by_slug: dict[str, int]) -> dict[tuple[int, int], float]:
    return {
        (kind_ids_by_slug[need], kind_ids_by_slug[offer]): weight
        for (need, offer), weight in KIND_SLUG_COMPATIBILITY.items()
        if need in kind_ids_by_slug and offer in kind_ids_by_slug
    }


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    lat1, lon1, lat2, lon2 = map(np.radians, (lat, lon, lats, lons))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _cosine(vectors: np.ndarray, candidates: np.ndarray, elementwise: bool) -> np.ndarray:
    if elementwise:
        return np.einsum("ij,ij->i", vectors, candidates)
    if vectors.ndim == 1:
        return candidates @ vectors
    return vectors @ candidates.T


def _stretched(cosine: np.ndarray, floor: float, ceiling: float) -> np.ndarray:
    return np.clip((cosine - floor) / (ceiling - floor), 0, 1)


def _kind(source: Source, index: PostingIndex, kinds: dict[tuple[int, int], float]) -> np.ndarray:
    """1 for the same kind, the compatibility weight for kinds that can serve each other, else
    0: looked up in a small table, (source kind, candidate kind) → weight."""
    size = 1 + int(max(np.max(source.kind), np.max(index.kind, initial=0), *map(max, kinds)))
    table = np.eye(size)
    for (need_kind, offer_kind), weight in kinds.items():
        # The same swap that orders (own, other) as (need, offer) turns (need, offer) back.
        source_kind, other_kind = source.side.need_first(need_kind, offer_kind)
        table[source_kind, other_kind] = max(table[source_kind, other_kind], weight)
    return table[source.kind, index.kind]


def _quantity(source: Source, index: PostingIndex) -> np.ndarray:
    need_quantity, offer_quantity = source.side.need_first(
        source.quantity_open, index.quantity_open
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.clip(offer_quantity / need_quantity, 0, 1)
    return np.where(np.isnan(coverage), 0.5, coverage)


def _date(source: Source, index: PostingIndex) -> np.ndarray:
    need_day, offer_day = source.side.need_first(source.day, index.day)
    # An offer that ends before the need's deadline can still help; one with no end always can.
    fits = (np.asarray(need_day) == NO_DATE) | (np.asarray(offer_day) == NO_DATE)
    return np.where(fits | (offer_day >= need_day), 1.0, 0.6)


def signals(
    source: Source,
    index: PostingIndex,
    lookups: Lookups,
    *,
    elementwise: bool = False,
    distance_km: np.ndarray | None = None,
) -> Signals:
    """`distance_km` may be given when the caller has it cheaper (see engine.ranking); it must
    be what haversine_km gives."""
    cosine = _cosine(source.vector, index.vectors, elementwise)
    text = _stretched(cosine, TEXT_FLOOR, TEXT_CEILING)
    same_topic = (index.topic == source.topic) & (source.topic != 0)
    same_sector = index.sector == source.sector
    topic = np.where(same_topic, 1.0, np.where(same_sector, 0.5, 0.0))
    if distance_km is None:
        distance_km = haversine_km(
            source.latitude, source.longitude, index.latitude, index.longitude
        )
    same_country = index.country == source.country
    # Where a municipality has no coordinates, its country still says something.
    unknown = np.where(same_country, 1 / (1 + NO_PLACE_SAME_COUNTRY_KM / DISTANCE_SCALE_KM), 0.5)
    distance = np.where(np.isnan(distance_km), unknown, 1 / (1 + distance_km / DISTANCE_SCALE_KM))
    language = ((index.languages & source.languages) != 0).astype(np.float64)
    not_own = index.municipality != source.municipality
    return Signals(
        text=text * not_own,
        cosine=cosine,
        topic=topic * not_own,
        same_sector=same_sector,
        kind=_kind(source, index, lookups.kinds) * not_own,
        quantity=_quantity(source, index) * not_own,
        distance_km=distance_km,
        shared_country=np.where(same_country, index.country, 0),
        distance=distance * not_own,
        language=language * not_own,
        date=_date(source, index) * not_own,
        partners_since=lookups.partners.since(source.municipality, index.municipality),
        **_pair_facts(source, index, np.shape(cosine)),
        kind_slugs=lookups.kind_slugs,
        compared=_Compared(source, index, elementwise, not_own),
    )


def _pair_facts(source: Source, index: PostingIndex, shape: tuple) -> dict[str, np.ndarray]:
    need_open, offer_open = source.side.need_first(source.quantity_open, index.quantity_open)
    need_day, offer_day = source.side.need_first(source.day, index.day)
    need_kind, offer_kind = source.side.need_first(source.kind, index.kind)
    return {
        "need_kind": np.broadcast_to(np.asarray(need_kind, dtype=np.int64), shape),
        "offer_kind": np.broadcast_to(np.asarray(offer_kind, dtype=np.int64), shape),
        "need_open": np.broadcast_to(np.asarray(need_open, dtype=np.float64), shape),
        "offer_open": np.broadcast_to(np.asarray(offer_open, dtype=np.float64), shape),
        "need_day": np.broadcast_to(np.asarray(need_day, dtype=np.int64), shape),
        "offer_day": np.broadcast_to(np.asarray(offer_day, dtype=np.int64), shape),
    }


def top_candidates(scores: np.ndarray, limit: int, minimum: float) -> np.ndarray:
    """Row numbers of the best `limit` scores at or above `minimum`, best first."""
    if len(scores) == 0:
        return np.zeros(0, dtype=np.int64)
    limit = min(limit, len(scores))
    best = np.argpartition(-scores, limit - 1)[:limit]
    best = best[scores[best] >= minimum]
    return best[np.argsort(-scores[best], kind="stable")]
