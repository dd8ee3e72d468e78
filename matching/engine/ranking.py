"""Ranking everything at once, for `manage.py match --all` (batch.rematch_all).

The same scores and reasons as matching each posting on its own (pipeline.match_posting),
computed in bulk: needs are scored in chunks against all offers, one matrix product per chunk;
each need keeps its best KEEP_PER_POSTING offers and each offer its best needs, from the same
scores; the chosen pairs are scored and explained once more, all together. A pair is suggested
while it is in the best list of either side.
"""

from collections.abc import Callable, Iterator
from dataclasses import fields

import numpy as np

from matching.engine import weights
from matching.engine.announce import announcement_score
from matching.engine.index import PostingIndex
from matching.engine.reasons import reasons_for
from matching.engine.scoring import Lookups, Signals, Source, haversine_km, signals
from matching.engine.storage import Row
from matching.engine.weights import STORE_MINIMUM
from matching.models import Match
from matching.sides import Side
from postings.models import Posting

# Pairs scored per matrix product: big enough to amortise Python, small enough to stay in cache.
CHUNK_PAIRS = 2_000_000
# Pairs explained at once: while scored, each holds both sides' vectors (text, title, unit), 9 KiB.
PAIR_BATCH = 10_000

Progress = Callable[[str, int, int], None]


def silent(stage: str, done: int, total: int) -> None:
    """A Progress that reports nothing."""


def batch_source(index: PostingIndex, rows: slice | np.ndarray, *, side: Side) -> Source:
    """Postings of an index as a batch source: each field a column of shape (k, 1)."""
    return _source(index, rows, side=side, column=True)


def _source(index: PostingIndex, rows, *, side: Side, column: bool) -> Source:
    def values(array: np.ndarray) -> np.ndarray:
        return array[rows, np.newaxis] if column else array[rows]

    return Source(
        sector=values(index.sector),
        topic=values(index.topic),
        kind=values(index.kind),
        # As pipeline.source_for: an over-covered posting has nothing open, not less than that.
        quantity_open=np.maximum(values(index.quantity_open), 0),
        day=values(index.day),
        latitude=values(index.latitude),
        longitude=values(index.longitude),
        country=values(index.country),
        municipality=values(index.municipality),
        languages=values(index.languages),
        vector=index.vectors[rows],
        title_vector=index.title_vectors[rows],
        unit_vector=index.unit_table[index.unit_row[rows]],
        unit_known=values(index.unit_row) > 0,
        side=side,
    )


def row_source(index: PostingIndex, row: int, *, side: Side) -> Source:
    """One posting of an index as a single source (what pipeline.source_for builds)."""
    batch = batch_source(index, slice(row, row + 1), side=side)
    vectors = {
        "vector": index.vectors[row],
        "title_vector": index.title_vectors[row],
        "unit_vector": index.unit_table[index.unit_row[row]],
    }
    names = [f.name for f in fields(Source) if f.name not in (*vectors, "side")]
    scalars = {name: getattr(batch, name)[0, 0].item() for name in names}
    return Source(**scalars, **vectors, side=side)


def subset(index: PostingIndex, rows: np.ndarray) -> PostingIndex:
    """These rows of the index (with the same table of units)."""
    chosen = {
        f.name: getattr(index, f.name)[rows] for f in fields(PostingIndex) if f.name != "unit_table"
    }
    return PostingIndex(**chosen, unit_table=index.unit_table)


class _Places:
    """Distances from a batch of sources to an index's postings, computed once per pair of
    distinct places (postings of a municipality share its coordinates) and then looked up."""

    def __init__(self, index: PostingIndex) -> None:
        self.places, self.inverse = _distinct_places(index.latitude, index.longitude)

    def distances_km(self, source: Source) -> np.ndarray:
        places, inverse = _distinct_places(source.latitude[:, 0], source.longitude[:, 0])
        between = haversine_km(places[:, 0:1], places[:, 1:2], self.places[:, 0], self.places[:, 1])
        return between[inverse[:, np.newaxis], self.inverse]


def _distinct_places(latitudes: np.ndarray, longitudes: np.ndarray) -> tuple[np.ndarray, ...]:
    coordinates = np.stack([latitudes, longitudes], axis=1)
    places, inverse = np.unique(coordinates, axis=0, return_inverse=True)
    return places, inverse.reshape(-1)


def _best_in_rows(scores: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each row's best `limit` scores at or above the storing minimum."""
    limit = min(limit, scores.shape[1])
    best = np.argpartition(-scores, limit - 1, axis=1)[:, :limit]
    kept = np.take_along_axis(scores, best, axis=1) >= STORE_MINIMUM
    rows, positions = np.nonzero(kept)
    return rows, best[rows, positions]


class _BestPerColumn:
    """Each column's best `limit` scores (at or above the storing minimum) over all the chunks
    seen so far, kept sparse: a score enters if it reaches its column's floor (the column's
    last kept score once it is full); what entered is sorted out when it doubles the kept."""

    def __init__(self, limit: int, columns: int) -> None:
        self.limit = limit
        self.floor = np.full(columns, STORE_MINIMUM)
        self.rows = np.zeros(0, dtype=np.int64)
        self.columns = np.zeros(0, dtype=np.int64)
        self.scores = np.zeros(0)
        self.kept = 0

    def add(self, scores: np.ndarray, first_row: int) -> None:
        rows, columns = np.nonzero(scores >= self.floor)
        self.rows = np.concatenate([self.rows, rows + first_row])
        self.columns = np.concatenate([self.columns, columns])
        self.scores = np.concatenate([self.scores, scores[rows, columns]])
        if len(self.scores) > 2 * max(self.kept, self.limit * len(self.floor)):
            self._prune()

    def _prune(self) -> None:
        order = np.lexsort((-self.scores, self.columns))  # by column, best first; stable
        rows, columns, scores = self.rows[order], self.columns[order], self.scores[order]
        starts = np.flatnonzero(np.diff(columns, prepend=-1))
        rank = np.arange(len(columns)) - np.repeat(starts, np.diff(np.append(starts, len(columns))))
        kept = rank < self.limit
        self.rows, self.columns, self.scores = rows[kept], columns[kept], scores[kept]
        self.kept = len(self.scores)
        full = rank == self.limit - 1  # a full column: its last kept score is the new floor
        self.floor[columns[full]] = scores[full]

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        self._prune()
        return self.rows, self.columns


def _rows(index: PostingIndex, ids: np.ndarray) -> np.ndarray:
    """The row of each id in the index (its ids are sorted), -1 where it is not there."""
    at = np.searchsorted(index.ids, ids)
    present = at < len(index)
    present[present] = index.ids[at[present]] == ids[present]
    return np.where(present, at, -1)


def dismissed_rows(needs: PostingIndex, offers: PostingIndex) -> tuple[np.ndarray, np.ndarray]:
    """(need rows, offer rows) of the dismissed pairs whose postings are both in the indexes."""
    pairs = np.array(
        Match.objects.filter(status=Match.Status.DISMISSED).values_list("need_id", "offer_id"),
        dtype=np.int64,
    ).reshape(-1, 2)
    need_rows, offer_rows = _rows(needs, pairs[:, 0]), _rows(offers, pairs[:, 1])
    both = (need_rows >= 0) & (offer_rows >= 0)
    return need_rows[both], offer_rows[both]


def rank(
    needs: PostingIndex,
    offers: PostingIndex,
    lookups: Lookups,
    progress: Progress = silent,
    dismissed: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs to store, as (need row, offer row, whether in the need's own best list), each
    pair once, in need-row order. `dismissed` (rows, as dismissed_rows gives) are left out, so
    that each posting's list holds its best pairs that are not dismissed."""
    keep = weights.KEEP_PER_POSTING
    if not len(needs) or not len(offers):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    chunk = max(1, CHUNK_PAIRS // len(offers))
    per_offer, places = _BestPerColumn(keep, len(offers)), _Places(offers)
    from_needs: list[np.ndarray] = []
    for start in range(0, len(needs), chunk):
        rows = slice(start, min(start + chunk, len(needs)))
        source = batch_source(needs, rows, side=Side.NEED)
        scores = signals(source, offers, lookups, distance_km=places.distances_km(source)).fit()
        if dismissed is not None:
            in_chunk = (dismissed[0] >= rows.start) & (dismissed[0] < rows.stop)
            scores[dismissed[0][in_chunk] - rows.start, dismissed[1][in_chunk]] = -np.inf
        need_rows, offer_rows = _best_in_rows(scores, keep)
        from_needs.append((need_rows + start) * len(offers) + offer_rows)
        per_offer.add(scores, start)
        progress("matched", rows.stop, len(needs))
    need_keys = np.concatenate(from_needs)
    need_rows, offer_rows = per_offer.pairs()
    keys = np.union1d(need_keys, need_rows * len(offers) + offer_rows)
    return keys // len(offers), keys % len(offers), np.isin(keys, need_keys)


def score_pairs(
    needs: PostingIndex,
    offers: PostingIndex,
    lookups: Lookups,
    need_rows: np.ndarray,
    offer_rows: np.ndarray,
) -> Signals:
    """The signals of each (need row, offer row) pair, elementwise: arrays of one value a pair,
    as pipeline.match_posting computes them for the need."""
    source = _source(needs, need_rows, side=Side.NEED, column=False)
    return signals(source, subset(offers, offer_rows), lookups, elementwise=True)


def explained_pairs(
    needs: PostingIndex,
    offers: PostingIndex,
    lookups: Lookups,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    postings: dict[Side, dict[int, Posting]],
) -> Iterator[Row]:
    """(need id, offer id, score, reasons) of each pair, explained as the need's own run would
    where the pair is in the need's list, else as the offer's run would. A generator, so that
    a million pairs are never all in memory at once."""
    need_rows, offer_rows, from_need = pairs
    for start in range(0, len(need_rows), PAIR_BATCH):
        part = slice(start, start + PAIR_BATCH)
        found = score_pairs(needs, offers, lookups, need_rows[part], offer_rows[part])
        need_ids, offer_ids = needs.ids[need_rows[part]], offers.ids[offer_rows[part]]
        for position, (need_id, offer_id, score, own) in enumerate(
            zip(
                need_ids.tolist(),
                offer_ids.tolist(),
                announcement_score(found).tolist(),
                from_need[part].tolist(),
                strict=True,
            )
        ):
            explained_for = postings[Side.NEED][need_id] if own else postings[Side.OFFER][offer_id]
            yield need_id, offer_id, round(score, 4), reasons_for(explained_for, found, position)
