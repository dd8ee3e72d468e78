"""The postings' vectors for search by meaning (postings.search), which cannot read matching's
tables itself: kept in the web process and brought up to date with the rows whose vector
changed since (one small query per search when none did).

Scores are cosines of centred vectors: core.embedding's text centre is taken off each
posting's vector (and its query centre off the query, by postings.search), which leaves what a
text means rather than what every text shares.
"""

import threading
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.db.models import Count, Max

from core.embedding import DIMENSIONS, from_bytes, text_centre
from matching.engine.pipeline import embedding_model_of
from postings.models import Posting


@dataclass(frozen=True)
class _Vectors:
    count: int
    changed: datetime | None
    ids: np.ndarray
    rows: dict[int, int]  # posting id → row
    centred: np.ndarray  # unit length

    def scores(self, query: np.ndarray) -> np.ndarray:
        return self.centred @ query


_vectors: dict[type[Posting], _Vectors] = {}
_lock = threading.Lock()


def vector_scores(model: type[Posting], query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ids, scores) of every posting of `model` that has a vector."""
    with _lock:
        vectors = _current(model)
    return vectors.ids, vectors.scores(query)


def forget() -> None:
    """For callers that switch databases (matching_lab's scratch database)."""
    _vectors.clear()


def _current(model: type[Posting]) -> _Vectors:
    table = embedding_model_of(model).objects
    state = table.aggregate(count=Count("pk"), changed=Max("updated_at"))
    cached = _vectors.get(model)
    if cached is not None and (cached.count, cached.changed) == (state["count"], state["changed"]):
        return cached
    if cached is not None and cached.changed is not None:
        changed = table.filter(updated_at__gte=cached.changed).values_list("pk", "vector")
        patched = _build(state, cached, list(changed))
        if patched.count == len(patched.ids):  # nothing was deleted meanwhile
            _vectors[model] = patched
            return patched
    _vectors[model] = _build(state, None, list(table.values_list("pk", "vector")))
    return _vectors[model]


def _centred(vectors: np.ndarray) -> np.ndarray:
    centred = vectors - text_centre()
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.where(norms == 0, 1.0, norms)


def _build(state: dict, base: _Vectors | None, changed: list[tuple[int, bytes]]) -> _Vectors:
    """`base` with the `changed` rows replaced or added (None: only the rows given)."""
    rows = dict(base.rows) if base is not None else {}
    new = [pk for pk, _vector in changed if pk not in rows]
    rows.update({pk: len(rows) + number for number, pk in enumerate(new)})
    centred = np.zeros((len(rows), DIMENSIONS), dtype=np.float32)
    if base is not None:
        centred[: len(base.ids)] = base.centred
    if changed:
        vectors = np.stack([from_bytes(vector) for _pk, vector in changed])
        centred[[rows[pk] for pk, _vector in changed]] = _centred(vectors)
    ids = np.zeros(len(rows), dtype=np.int64)
    ids[list(rows.values())] = list(rows)
    return _Vectors(
        count=state["count"], changed=state["changed"], ids=ids, rows=rows, centred=centred
    )
