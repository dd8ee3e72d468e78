"""Writing what the ranking chose as Match rows, with the same rules for one posting
(pipeline.match_posting) and for everything at once (batch.rematch_all):

- one row per pair, updated in place; its status is kept, so a dismissed pair stays dismissed;
- a suggestion no longer ranked is closed, a closed pair ranked again is suggested again;
- the postings matched are no longer pending, unless they were marked again meanwhile.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.db import connection, transaction
from django.db.models import NOT_PROVIDED, Q
from django.utils import timezone

from matching.engine.index import PostingIndex
from matching.engine.reasons import reasons_for
from matching.engine.scoring import Signals
from matching.models import Match
from matching.sides import Side
from postings.models import Posting

Row = tuple[int, int, float, list]  # need id, offer id, score, reasons
PAIRS_TABLE = "matching_rematch_pairs"
PENDING_BATCH = 50_000


@dataclass
class Ranked:
    """One posting's scores against an index of the other side, and the rows it keeps."""

    index: PostingIndex
    found: Signals
    scores: np.ndarray
    best: np.ndarray  # rows of `index`, best first


def matched(model: type[Posting], pks: Iterable[int], started: datetime) -> None:
    """The postings are matched as they were at `started`: no longer pending, unless marked
    again since (mark_for_matching stamps match_requested_at)."""
    model.objects.filter(
        Q(match_requested_at__isnull=True) | Q(match_requested_at__lte=started), pk__in=pks
    ).update(match_pending=False)


@transaction.atomic
def close_suggestions(posting: Posting, started: datetime) -> None:
    """A posting that left matching (withdrawn, hidden, expired...) suggests nothing."""
    side = Side.of(posting)
    Match.objects.filter(**{side.value: posting}, status=Match.Status.SUGGESTED).update(
        status=Match.Status.CLOSED, updated_at=timezone.now()
    )
    matched(type(posting), [posting.pk], started)


@transaction.atomic
def store_for_posting(posting: Posting, ranked: Ranked, started: datetime) -> list[Match]:
    """Store one posting's best pairs. Returns the matches that are new."""
    side = Side.of(posting)
    own, other_id = {side.value: posting}, side.other.id_field
    existing = set(Match.objects.filter(**own).values_list(other_id, flat=True))
    kept = [int(ranked.index.ids[row]) for row in ranked.best]
    Match.objects.bulk_create(
        [
            Match(
                **dict(
                    zip(("need_id", "offer_id"), side.need_first(posting.pk, other), strict=True)
                ),
                score=round(float(ranked.scores[row]), 4),
                reasons=reasons_for(posting, ranked.found, row),
            )
            for row, other in zip(ranked.best, kept, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["need", "offer"],
        update_fields=["score", "reasons", "updated_at"],
    )
    now = timezone.now()
    Match.objects.filter(**own, status=Match.Status.SUGGESTED).exclude(
        **{f"{other_id}__in": kept}
    ).update(status=Match.Status.CLOSED, updated_at=now)
    Match.objects.filter(**own, **{f"{other_id}__in": kept}, status=Match.Status.CLOSED).update(
        status=Match.Status.SUGGESTED, updated_at=now
    )
    matched(type(posting), [posting.pk], started)
    new_ids = [other for other in kept if other not in existing]
    return list(
        Match.objects.filter(**own, **{f"{other_id}__in": new_ids}).select_related(
            "need__municipality", "offer__municipality"
        )
    )


@transaction.atomic
def store_all(
    rows: Iterable[Row], pending: dict[type[Posting], list[int]], started: datetime
) -> tuple[int, int, int]:
    """The rules above for everything at once. Returns how many rows were stored, closed and
    reopened.

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
        for start in range(0, len(pks), PENDING_BATCH):
            matched(model, pks[start : start + PENDING_BATCH], started)
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


def _set_status(cursor, old: str, new: str, now: datetime, *, kept: bool) -> int:
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
    rows get every other column's model default (status suggested, timestamps now), or the
    database's own where there is one (a new uuid per row)."""
    quote, given = connection.ops.quote_name, ("need", "offer", "score", "reasons")
    template = Match(need_id=0, offer_id=0, score=0)
    others = [
        f
        for f in Match._meta.concrete_fields
        if not f.primary_key and f.name not in given and f.db_default is NOT_PROVIDED
    ]
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
