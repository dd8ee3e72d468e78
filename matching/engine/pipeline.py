"""Matching one posting: embed it, score it against the other side, store the best as Match
rows (one per pair, updated in place), close suggestions that no longer hold."""

import time
from dataclasses import dataclass

import numpy as np
from django.db.models import Max, Q
from django.utils import timezone

from matching.engine import weights
from matching.engine.announce import announcement_score
from matching.engine.index import (
    PostingIndex,
    build_index,
    country_number,
    day_number,
    language_mask,
)
from matching.engine.partners import partners
from matching.engine.scoring import Lookups, Source, kind_matrix, signals, top_candidates
from matching.engine.storage import Ranked, close_suggestions, store_for_posting
from matching.engine.texts import PostingTexts, PostingVectors, embed_postings, vector_or_zero
from matching.engine.weights import STORE_MINIMUM
from matching.models import Embedding, Match
from matching.sides import Side
from postings.models import HelpKind, Posting
from postings.selectors import matchable

INDEX_MAX_AGE = 300  # seconds


def embedding_model_of(model: type[Posting]) -> type[Embedding]:
    """NeedEmbedding or OfferEmbedding: the model behind the posting's `embedding`."""
    return model._meta.get_field("embedding").related_model


def ensure_embeddings(postings: list[Posting]) -> None:
    """Embed the postings whose texts changed since their vectors were made (in one batch)."""
    if not postings:
        return
    model = type(postings[0])
    embedding_model, field = embedding_model_of(model), Side.of(postings[0]).value
    existing = dict(
        embedding_model.objects.filter(**{f"{field}__in": postings}).values_list(
            f"{field}_id", "source"
        )
    )
    texts = {posting.pk: PostingTexts.of(posting) for posting in postings}
    stale = [p for p in postings if existing.get(p.pk) != texts[p.pk].key]
    if not stale:
        return
    vectors = embed_postings([texts[p.pk] for p in stale])
    embedding_model.objects.bulk_create(
        [
            embedding_model(**{field: posting}, **stored_vectors(texts[posting.pk], made))
            for posting, made in zip(stale, vectors, strict=True)
        ],
        update_conflicts=True,
        unique_fields=[field],
        update_fields=["vector", "title_vector", "unit_vector", "source", "updated_at"],
    )


def stored_vectors(texts: PostingTexts, vectors: PostingVectors) -> dict:
    """An Embedding row's fields for these texts and their vectors."""
    return {
        "vector": vectors.text,
        "title_vector": vectors.title,
        "unit_vector": vectors.unit,
        "source": texts.key,
    }


@dataclass
class _CachedIndex:
    fingerprint: tuple
    index: PostingIndex


_index_cache: dict[type[Posting], _CachedIndex] = {}


def forget_index_cache() -> None:
    """For callers that switch databases or time a cold index (matching_lab's scratch
    database and benchmark)."""
    _index_cache.clear()


def _fingerprint(model: type[Posting]) -> tuple:
    """Cheap: the latest change to a posting of this side or to a vector (both indexed), plus
    an age bucket, so changes that bypass updated_at (a municipality losing its verification)
    are seen within INDEX_MAX_AGE."""
    return (
        model.objects.aggregate(changed=Max("updated_at"))["changed"],
        embedding_model_of(model).objects.aggregate(changed=Max("updated_at"))["changed"],
        int(time.monotonic() // INDEX_MAX_AGE),
    )


def open_index(model: type[Posting]) -> PostingIndex:
    """The open postings of a side, rebuilt only when that side changed since last time."""
    cached = _index_cache.get(model)
    if cached is not None and cached.fingerprint == _fingerprint(model):
        return cached.index
    # Only when rebuilding: the look for unembedded postings scans the whole side. Postings
    # whose own task has not run yet have no vectors; those embedded before titles were, no
    # title vector.
    missing = list(
        matchable(model)
        .filter(Q(embedding__isnull=True) | Q(embedding__title_vector__isnull=True))
        .select_related("municipality")
    )
    ensure_embeddings(missing)
    cached = _CachedIndex(_fingerprint(model), build_index(model))
    _index_cache[model] = cached
    return cached.index


def source_for(posting: Posting) -> Source:
    municipality = posting.municipality
    vectors = (
        embedding_model_of(type(posting))
        .objects.filter(pk=posting.pk)
        .values_list("vector", "title_vector", "unit_vector")
        .first()
    ) or (None, None, None)
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
        vector=vector_or_zero(vectors[0]),
        title_vector=vector_or_zero(vectors[1]),
        unit_vector=vector_or_zero(vectors[2]),
        unit_known=vectors[2] is not None,
        side=Side.of(posting),
    )


def lookups(municipality: int | None = None) -> Lookups:
    """For scoring postings of `municipality` (None: of every municipality)."""
    kinds = dict(HelpKind.objects.values_list("slug", "pk"))
    return Lookups(
        kinds=kind_matrix(kinds),
        partners=partners(municipality),
        kind_slugs={pk: slug for slug, pk in kinds.items()},
    )


def match_posting(posting: Posting) -> list[Match]:
    """Recompute the matches of one posting. Returns the matches that are new."""
    started = timezone.now()
    model, side = type(posting), Side.of(posting)
    if not matchable(model).filter(pk=posting.pk).exists():
        close_suggestions(posting, started)
        return []
    ensure_embeddings([posting])
    index = open_index(side.other.model)
    found = signals(source_for(posting), index, lookups(posting.municipality_id))
    fits = found.fit()
    # A dismissed pair stays as it is and leaves its place in the list to the next best.
    dismissed = Match.objects.filter(
        **{side.value: posting}, status=Match.Status.DISMISSED
    ).values_list(side.other.id_field, flat=True)
    fits[np.isin(index.ids, list(dismissed))] = -np.inf
    best = top_candidates(fits, weights.KEEP_PER_POSTING, STORE_MINIMUM)
    return store_for_posting(
        posting, Ranked(index, found, announcement_score(found), best), started
    )
