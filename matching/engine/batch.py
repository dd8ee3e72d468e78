"""Rematching everything at once (`manage.py match --all`).

The same scores, reasons and storage rules as matching each posting on its own
(pipeline.match_posting), computed in bulk: both indexes are loaded once; needs are scored in
chunks against all offers, one matrix product per chunk; each need keeps its best
KEEP_PER_POSTING offers and each offer its best needs, from the same scores; the chosen pairs
are scored and explained once more, all together, and written with one COPY and one upsert.
A pair is suggested while it is in the best list of either side.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from matching.engine import pipeline
from matching.engine.index import PostingIndex, build_index, matchable
from matching.engine.reasons import reasons_for
from matching.engine.scoring import Lookups, Signals, Source, _haversine_km, signals
from matching.engine.weights import STORE_MINIMUM
from matching.models import Match
from needs.models import Need
from offers.models import Offer
from postings.models import HelpKind, Posting, Sector, Topic

# Pairs scored per matrix product: big enough to amortise Python, small enough to stay in cache.
CHUNK_PAIRS = 2_000_000
EMBED_BATCH = 64
PAIR_BATCH = 50_000

Progress = Callable[[str, int, int], None]
Row = tuple[int, int, float, list]  # need id, offer id, score, reasons


def _silent(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class Rematched:
    needs: int
    offers: int
    pairs_scored: int
    stored: int
    closed: int
    reopened: int


def rematch_all(progress: Progress = _silent) -> Rematched:
    """Recompute every match: embed what changed, score all open needs against all open offers,
    store the best pairs, close the suggestions that no longer hold."""
    pending = {model: _pending(model) for model in (Need, Offer)}
    postings = {model: open_postings(model) for model in (Need, Offer)}
    embed_all(postings[Need], postings[Offer], progress)
    needs, offers = build_index(Need), build_index(Offer)
    lookups = pipeline.lookups()
    pairs = rank(needs, offers, lookups, progress, dismissed=dismissed_rows(needs, offers))
    for model, index in ((Need, needs), (Offer, offers)):
        _with_missing(model, postings[model], index.ids)
    rows = explained_pairs(needs, offers, lookups, pairs, postings)
    stored, closed, reopened = store_all(rows, pending)
    return Rematched(len(needs), len(offers), len(needs) * len(offers), stored, closed, reopened)


def _pending(model: type[Posting]) -> list[int]:
    return list(model.objects.filter(match_pending=True).values_list("pk", flat=True))


def open_postings(model: type[Posting]) -> dict[int, Posting]:
    """The matchable postings by pk, with what their text and their reasons need (and the
    taxonomy attached from one query each, not joined into every row)."""
    postings = matchable(model).only(*_FIELDS_USED).in_bulk()
    _attach_taxonomy(postings.values())
    return postings


_FIELDS_USED = (
    "original_language",
    *(
        f"{field}_{code}"
        for field in ("title", "description")
        for code, _name in settings.LANGUAGES
    ),
    "sector",
    "topic",
    "help_kind",
    "quantity",
    "quantity_covered",
    "unit",
)


def _attach_taxonomy(postings) -> None:
    sectors, topics, kinds = (model.objects.in_bulk() for model in (Sector, Topic, HelpKind))
    for posting in postings:
        posting.sector = sectors[posting.sector_id]
        posting.topic = topics.get(posting.topic_id)
        posting.help_kind = kinds[posting.help_kind_id]


def embed_all(
    needs: dict[int, Posting], offers: dict[int, Posting], progress: Progress = _silent
) -> None:
    """Embed, in batches, every posting whose text changed since its vector was made."""
    total, done = len(needs) + len(offers), 0
    for postings in (list(needs.values()), list(offers.values())):
        for start in range(0, len(postings), EMBED_BATCH):
            batch = postings[start : start + EMBED_BATCH]
            pipeline.ensure_embeddings(batch)
            done += len(batch)
            progress("embedded", done, total)


def batch_source(index: PostingIndex, rows: slice | np.ndarray, *, is_need: bool) -> Source:
    """Postings of an index as a batch source: each field a column of shape (k, 1)."""
    return _source(index, rows, is_need=is_need, column=True)


def _source(index: PostingIndex, rows, *, is_need: bool, column: bool) -> Source:
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
        is_need=is_need,
    )


def row_source(index: PostingIndex, row: int, *, is_need: bool) -> Source:
    """One posting of an index as a single source (what pipeline.source_for builds)."""
    batch = batch_source(index, slice(row, row + 1), is_need=is_need)
    names = [f.name for f in fields(Source) if f.name not in ("vector", "is_need")]
    scalars = {name: getattr(batch, name)[0, 0].item() for name in names}
    return Source(**scalars, vector=index.vectors[row], is_need=is_need)


def subset(index: PostingIndex, rows: np.ndarray) -> PostingIndex:
    return PostingIndex(**{f.name: getattr(index, f.name)[rows] for f in fields(PostingIndex)})


class _Places:
    """Distances from a batch of sources to an index's postings, computed once per pair of
    distinct places (postings of a municipality share its coordinates) and then looked up."""

    def __init__(self, index: PostingIndex) -> None:
        self.places, self.inverse = _distinct_places(index.latitude, index.longitude)

    def distances_km(self, source: Source) -> np.ndarray:
        places, inverse = _distinct_places(source.latitude[:, 0], source.longitude[:, 0])
        between = _haversine_km(
            places[:, 0:1], places[:, 1:2], self.places[:, 0], self.places[:, 1]
        )
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
    progress: Progress = _silent,
    dismissed: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs to store, as (need row, offer row, whether in the need's own best list), each
    pair once, in need-row order. `dismissed` (rows, as dismissed_rows gives) are left out, so
    that each posting's list holds its best pairs that are not dismissed."""
    keep = pipeline.KEEP_PER_POSTING
    if not len(needs) or not len(offers):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    chunk = max(1, CHUNK_PAIRS // len(offers))
    per_offer, places = _BestPerColumn(keep, len(offers)), _Places(offers)
    from_needs: list[np.ndarray] = []
    for start in range(0, len(needs), chunk):
        rows = slice(start, min(start + chunk, len(needs)))
        source = batch_source(needs, rows, is_need=True)
        scores = signals(source, offers, lookups, distance_km=places.distances_km(source)).score()
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
    source = _source(needs, need_rows, is_need=True, column=False)
    candidates = subset(offers, offer_rows)
    cosine = np.einsum("ij,ij->i", source.vector, candidates.vectors)
    return signals(source, candidates, lookups, cosine=cosine)


def explained_pairs(
    needs: PostingIndex,
    offers: PostingIndex,
    lookups: Lookups,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    postings: dict[type[Posting], dict[int, Posting]],
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
                found.score().tolist(),
                from_need[part].tolist(),
                strict=True,
            )
        ):
            explained_for = postings[Need][need_id] if own else postings[Offer][offer_id]
            yield need_id, offer_id, round(score, 4), reasons_for(explained_for, found, position)


def _with_missing(model: type[Posting], postings: dict[int, Posting], ids: np.ndarray) -> dict:
    """Postings published since they were loaded are in the index too: load them now."""
    missing = set(ids.tolist()) - postings.keys()
    if missing:
        loaded = model.objects.only(*_FIELDS_USED).in_bulk(missing)
        _attach_taxonomy(loaded.values())
        postings.update(loaded)
    return postings


PAIRS_TABLE = "matching_rematch_pairs"


@transaction.atomic
def store_all(rows: Iterable[Row], pending: dict[type[Posting], list[int]]) -> tuple[int, ...]:
    """The rules of pipeline._store for everything at once: one row per pair updated in place
    (status kept, so dismissed stays dismissed), suggestions no longer ranked closed, closed
    ones ranked again reopened, the postings no longer pending. Returns how many rows were
    stored, closed and reopened.

    The pairs are streamed by COPY into a temporary table and upserted from there in one
    statement: bulk_create spent ~50 s quoting the parameters of 177,000 rows."""
    now = timezone.now()
    with connection.cursor() as cursor:
        stored = _copy_pairs(cursor, rows)
        closed = _set_status(cursor, Match.Status.SUGGESTED, Match.Status.CLOSED, now, kept=False)
        reopened = _set_status(cursor, Match.Status.CLOSED, Match.Status.SUGGESTED, now, kept=True)
        cursor.execute(*_upsert())
        cursor.execute(f"DROP TABLE {PAIRS_TABLE}")
    for model, pks in pending.items():
        for start in range(0, len(pks), PAIR_BATCH):
            model.objects.filter(pk__in=pks[start : start + PAIR_BATCH]).update(match_pending=False)
    return stored, closed, reopened


def _copy_pairs(cursor, rows: Iterable[Row]) -> int:
    count = 0
    cursor.execute(f"DROP TABLE IF EXISTS {PAIRS_TABLE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {PAIRS_TABLE} (need_id bigint, offer_id bigint, "
        "score double precision, reasons jsonb, PRIMARY KEY (need_id, offer_id)) ON COMMIT DROP"
    )
    with cursor.copy(f"COPY {PAIRS_TABLE} (need_id, offer_id, score, reasons) FROM STDIN") as copy:
        for need_id, offer_id, score, reasons in rows:
            copy.write_row((need_id, offer_id, score, json.dumps(reasons)))
            count += 1
    cursor.execute(f"ANALYZE {PAIRS_TABLE}")
    return count


def _set_status(cursor, old: str, new: str, now, *, kept: bool) -> int:
    """Matches in status `old` whose pair is (kept=True) or is not (kept=False) ranked now."""
    # Only identifiers from the model and constants are formatted in; values are parameters.
    table = connection.ops.quote_name(Match._meta.db_table)
    ranked = (
        f"EXISTS (SELECT 1 FROM {PAIRS_TABLE} AS pair "  # noqa: S608
        "WHERE pair.need_id = m.need_id AND pair.offer_id = m.offer_id)"
    )
    cursor.execute(
        f"UPDATE {table} AS m SET status = %s, updated_at = %s "  # noqa: S608
        f"WHERE m.status = %s AND {'' if kept else 'NOT '}{ranked}",
        [new, now, old],
    )
    return cursor.rowcount


def _upsert() -> tuple[str, list]:
    """INSERT the ranked pairs, or UPDATE score and reasons of the existing row of a pair. New
    rows get every other column's model default (status suggested, timestamps now)."""
    quote, given = connection.ops.quote_name, ("need", "offer", "score", "reasons")
    template = Match(need_id=0, offer_id=0, score=0)
    others = [f for f in Match._meta.concrete_fields if not f.primary_key and f.name not in given]
    values = [f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in others]
    casts = [f"CAST(%s AS {f.db_type(connection)})" for f in others]
    columns = ", ".join(quote(c) for c in ["need_id", "offer_id", "score", "reasons"])
    other_columns = ", ".join(quote(f.column) for f in others)
    table = quote(Match._meta.db_table)
    sql = (  # identifiers from the model and constants; values are parameters
        f"INSERT INTO {table} ({columns}, {other_columns}) "  # noqa: S608
        f"SELECT need_id, offer_id, score, reasons, {', '.join(casts)} FROM {PAIRS_TABLE} "
        "ON CONFLICT (need_id, offer_id) DO UPDATE SET score = EXCLUDED.score, "
        "reasons = EXCLUDED.reasons, updated_at = EXCLUDED.updated_at "
        # An unchanged row is left alone: no new row version, no index churn.
        f"WHERE ({table}.score, {table}.reasons) IS DISTINCT FROM "
        "(EXCLUDED.score, EXCLUDED.reasons)"
    )
    return sql, values
