"""Rematching everything at once (`manage.py match --all`): both indexes loaded once, every
pair ranked in bulk (engine.ranking), the chosen pairs written with one COPY and one upsert
(engine.storage), by the same rules as matching each posting on its own."""

from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from core.languages import localized_fields
from matching.engine import pipeline
from matching.engine.index import build_index
from matching.engine.ranking import Progress, dismissed_rows, explained_pairs, rank, silent
from matching.engine.storage import store_all
from matching.sides import Side
from postings.models import TRANSLATED_FIELDS, HelpKind, Posting, Sector, Topic
from postings.selectors import matchable

EMBED_BATCH = 64


@dataclass
class Rematched:
    needs: int
    offers: int
    pairs_scored: int
    stored: int
    closed: int
    reopened: int


def rematch_all(progress: Progress = silent) -> Rematched:
    """Recompute every match: embed what changed, score all open needs against all open offers,
    store the best pairs, close the suggestions that no longer hold."""
    started = timezone.now()
    pending = {side.model: _pending(side.model) for side in Side}
    postings = {side: open_postings(side.model) for side in Side}
    embed_all(postings[Side.NEED], postings[Side.OFFER], progress)
    indexes = {side: build_index(side.model) for side in Side}
    needs, offers = indexes[Side.NEED], indexes[Side.OFFER]
    lookups = pipeline.lookups()
    pairs = rank(needs, offers, lookups, progress, dismissed=dismissed_rows(needs, offers))
    for side, index in indexes.items():
        _with_missing(side.model, postings[side], index.ids)
    rows = explained_pairs(needs, offers, lookups, pairs, postings)
    stored, closed, reopened = store_all(rows, pending, started)
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
    *localized_fields(*TRANSLATED_FIELDS),
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
    needs: dict[int, Posting], offers: dict[int, Posting], progress: Progress = silent
) -> None:
    """Embed, in batches, every posting whose text changed since its vector was made."""
    total, done = len(needs) + len(offers), 0
    for postings in (list(needs.values()), list(offers.values())):
        for start in range(0, len(postings), EMBED_BATCH):
            batch = postings[start : start + EMBED_BATCH]
            pipeline.ensure_embeddings(batch)
            done += len(batch)
            progress("embedded", done, total)


def _with_missing(model: type[Posting], postings: dict[int, Posting], ids: np.ndarray) -> dict:
    """Postings published since they were loaded are in the index too: load them now."""
    missing = set(ids.tolist()) - postings.keys()
    if missing:
        loaded = model.objects.only(*_FIELDS_USED).in_bulk(missing)
        _attach_taxonomy(loaded.values())
        postings.update(loaded)
    return postings
