"""Matching one posting: embed it, score it against the other side, store the best as Match
rows (one per pair, updated in place), close suggestions that no longer hold."""

import time
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from matching.engine import embedding
from matching.engine.index import (
    PostingIndex,
    build_index,
    country_number,
    day_number,
    language_mask,
    matchable,
)
from matching.engine.partners import partners
from matching.engine.reasons import reasons_for
from matching.engine.scoring import Lookups, Source, kind_matrix, signals, top_candidates
from matching.engine.texts import posting_text
from matching.engine.weights import STORE_MINIMUM
from matching.models import Match, NeedEmbedding, OfferEmbedding
from needs.models import Need
from offers.models import Offer
from postings.models import HelpKind, Posting

KEEP_PER_POSTING = 10
INDEX_MAX_AGE = 300  # seconds


_EMBEDDINGS = {Need: (NeedEmbedding, "need"), Offer: (OfferEmbedding, "offer")}


def other_side(model: type[Posting]) -> type[Posting]:
    return Offer if model is Need else Need


def ensure_embeddings(postings: list[Posting]) -> None:
    """Embed the postings whose text changed since their vector was made (in one batch)."""
    if not postings:
        return
    embedding_model, field = _EMBEDDINGS[type(postings[0])]
    existing = dict(
        embedding_model.objects.filter(**{f"{field}__in": postings}).values_list(
            f"{field}_id", "source"
        )
    )
    texts = {posting.pk: posting_text(posting) for posting in postings}
    stale = [p for p in postings if existing.get(p.pk) != embedding.source_key(texts[p.pk])]
    if not stale:
        return
    vectors = embedding.embed([texts[p.pk] for p in stale])
    embedding_model.objects.bulk_create(
        [
            embedding_model(
                **{field: posting},
                vector=embedding.to_bytes(vector),
                source=embedding.source_key(texts[posting.pk]),
            )
            for posting, vector in zip(stale, vectors, strict=True)
        ],
        update_conflicts=True,
        unique_fields=[field],
        update_fields=["vector", "source", "updated_at"],
    )


@dataclass
class _CachedIndex:
    fingerprint: tuple
    index: PostingIndex


_index_cache: dict[type[Posting], _CachedIndex] = {}


def forget_index_cache() -> None:
    """For callers that switch databases (evaluate_matching, bench_matching)."""
    _index_cache.clear()


def _fingerprint(model: type[Posting]) -> tuple:
    """Cheap: the latest change to a posting of this side or to a vector (both indexed), plus
    an age bucket, so changes that bypass updated_at (a municipality losing its verification)
    are seen within INDEX_MAX_AGE."""
    embedding_model, _field = _EMBEDDINGS[model]
    return (
        model.objects.aggregate(changed=Max("updated_at"))["changed"],
        embedding_model.objects.aggregate(changed=Max("updated_at"))["changed"],
        int(time.monotonic() // INDEX_MAX_AGE),
    )


def open_index(model: type[Posting]) -> PostingIndex:
    """The open postings of a side, rebuilt only when that side changed since last time."""
    cached = _index_cache.get(model)
    if cached is not None and cached.fingerprint == _fingerprint(model):
        return cached.index
    # Only when rebuilding: the look for unembedded postings scans the whole side.
    missing = list(matchable(model).filter(embedding__isnull=True).select_related("municipality"))
    ensure_embeddings(missing)  # postings whose own task has not run yet
    cached = _CachedIndex(_fingerprint(model), build_index(model))
    _index_cache[model] = cached
    return cached.index


def source_for(posting: Posting) -> Source:
    municipality = posting.municipality
    vector_row = (
        _EMBEDDINGS[type(posting)][0]
        .objects.filter(pk=posting.pk)
        .values_list("vector", flat=True)
        .first()
    )
    return Source(
        sector=posting.sector_id,
        topic=posting.topic_id or 0,
        kind=posting.help_kind_id,
        quantity_open=float(posting.quantity_open) if posting.quantity is not None else np.nan,
        day=day_number(getattr(posting, posting.date_field_name)),
        latitude=float(municipality.latitude) if municipality.latitude is not None else np.nan,
        longitude=float(municipality.longitude) if municipality.longitude is not None else np.nan,
        country=country_number(str(municipality.country)),
        municipality=municipality.pk,
        languages=language_mask(municipality.languages),
        vector=embedding.from_bytes(vector_row)
        if vector_row is not None
        else np.zeros(embedding.DIMENSIONS, np.float32),
        is_need=isinstance(posting, Need),
    )


def _pair(posting: Posting, other_id: int) -> dict:
    return (
        {"need_id": posting.pk, "offer_id": other_id}
        if isinstance(posting, Need)
        else {"need_id": other_id, "offer_id": posting.pk}
    )


def lookups(municipality: int | None = None) -> Lookups:
    """For scoring postings of `municipality` (None: of every municipality)."""
    return Lookups(
        kinds=kind_matrix(dict(HelpKind.objects.values_list("slug", "pk"))),
        partners=partners(municipality),
    )


def match_posting(posting: Posting) -> list[Match]:
    """Recompute the matches of one posting. Returns the matches that are new."""
    model = type(posting)
    side_field = "need" if model is Need else "offer"
    if not matchable(model).filter(pk=posting.pk).exists():
        with transaction.atomic():
            Match.objects.filter(**{side_field: posting}, status=Match.Status.SUGGESTED).update(
                status=Match.Status.CLOSED, updated_at=timezone.now()
            )
            model.objects.filter(pk=posting.pk).update(match_pending=False)
        return []
    ensure_embeddings([posting])
    index = open_index(other_side(model))
    found = signals(source_for(posting), index, lookups(posting.municipality_id))
    scores = found.score()
    # A dismissed pair stays as it is and leaves its place in the list to the next best.
    other_field = "offer" if side_field == "need" else "need"
    dismissed = Match.objects.filter(
        **{side_field: posting}, status=Match.Status.DISMISSED
    ).values_list(f"{other_field}_id", flat=True)
    scores[np.isin(index.ids, list(dismissed))] = -np.inf
    best = top_candidates(scores, KEEP_PER_POSTING, STORE_MINIMUM)
    return _store(posting, side_field, index, found, scores, best)


@transaction.atomic
def _store(posting, side_field, index, found, scores, best) -> list[Match]:
    other_field = "offer" if side_field == "need" else "need"
    existing = set(
        Match.objects.filter(**{side_field: posting}).values_list(f"{other_field}_id", flat=True)
    )
    rows = [
        Match(
            **_pair(posting, int(index.ids[row])),
            score=round(float(scores[row]), 4),
            reasons=reasons_for(posting, found, row),
        )
        for row in best
    ]
    Match.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["need", "offer"],
        update_fields=["score", "reasons", "updated_at"],
    )
    kept = [int(index.ids[row]) for row in best]
    stale = Match.objects.filter(**{side_field: posting}, status=Match.Status.SUGGESTED).exclude(
        **{f"{other_field}_id__in": kept}
    )
    stale.update(status=Match.Status.CLOSED, updated_at=timezone.now())
    Match.objects.filter(
        **{side_field: posting, f"{other_field}_id__in": kept}, status=Match.Status.CLOSED
    ).update(status=Match.Status.SUGGESTED, updated_at=timezone.now())
    type(posting).objects.filter(pk=posting.pk).update(match_pending=False)
    new_ids = [other_id for other_id in kept if other_id not in existing]
    return list(
        Match.objects.filter(
            **{side_field: posting, f"{other_field}_id__in": new_ids}
        ).select_related("need__municipality", "offer__municipality")
    )
