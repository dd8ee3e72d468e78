"""Search in any language: by words and by meaning, ranked together.

- Words: PostgreSQL full-text search over the texts as written (every language's title and
  description, and the unit) and over their machine translations, without stemming; a word
  matches the beginning of a word, and a word of four letters or more also the inside of one
  ("Betten" finds "Krankenhausbetten"; postings.models.search).
- Meaning: the query's multilingual vector (core.embedding, computed once per distinct query
  and kept in the cache) against the vectors the matching worker stores for every posting.
  Matching sits above this app, so it tells this one where the vectors are (`provide`, in
  MatchingConfig.ready); without it, search is by words alone.

A posting that has the words ranks above one that only means much the same; among equals, the
closer in meaning first.
"""

import hashlib
import re
from collections.abc import Callable

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db.models import BigIntegerField, Case, F, FloatField, Func, Q, QuerySet, Value, When

from core import embedding
from core.text import clean_label
from postings.models import Posting, PostingTranslation

# (posting model, centred query vector) → (ids, scores): the cosine of each stored posting
# vector, centred on core.embedding.text_centre, with the query (matching.search_index).
VectorScores = Callable[[type[Posting], np.ndarray], tuple[np.ndarray, np.ndarray]]

# Postings found by meaning: at most SEMANTIC_LIMIT. Centred cosines of texts unrelated to a
# query stay under about 0.15, a posting about what was searched for scores 0.2 to 0.5: a query
# whose best posting scores less than SEMANTIC_CONFIDENT finds nothing by meaning (nonsense, or
# nothing of the kind here); otherwise the postings within SEMANTIC_SHARE of the best one count
# (a posting in another language often scores half the best), down to SEMANTIC_FLOOR.
SEMANTIC_LIMIT = 200
SEMANTIC_CONFIDENT = 0.16
SEMANTIC_SHARE = 0.4
SEMANTIC_FLOOR = 0.08
# What having the words adds to the score (meaning alone scores less than this).
WORD_MATCH = 1.0
# A word this long or longer is also found inside other words.
INSIDE_WORDS_FROM = 4
# Translations searched: the logistics say how, not what.
SEARCHED_TRANSLATIONS = ("title", "description", "unit")
QUERY_VECTOR_SECONDS = 30 * 24 * 3600

_provider: VectorScores | None = None


def provide(provider: VectorScores | None) -> None:
    global _provider
    _provider = provider


def words_of(text: str) -> list[str]:
    # Invisible characters would split a word in two (core.text).
    return re.findall(r"\w+", clean_label(text).lower())


def text_query(text: str) -> SearchQuery | None:
    """Every word must match: as the beginning of a word, or for longer words anywhere in one
    ("ліжк" finds "ліжка", "betten" finds "krankenhausbetten")."""
    words = words_of(text)
    if not words:
        return None
    terms = [f"{word}:*" if len(word) >= INSIDE_WORDS_FROM else f"{word}:*A" for word in words]
    return SearchQuery(" & ".join(terms), config="simple", search_type="raw")


def query_vector_key(text: str) -> str:
    """Where the query's vector is kept: the same for the same words, whatever their case."""
    normalised = " ".join(words_of(text))
    return f"search:vector:{hashlib.sha256(normalised.encode()).hexdigest()}"


def query_vector(text: str) -> np.ndarray:
    """The query's vector, centred (core.embedding.query_centre): computed once per distinct
    query, then read from the cache (a cache that is down only costs the computing)."""
    normalised = " ".join(words_of(text))
    key = query_vector_key(text)
    stored = cache.get(key)
    if stored is not None:
        return embedding.from_bytes(stored)
    vector = embedding.embed([normalised])[0] - embedding.query_centre()
    vector = vector / (np.linalg.norm(vector) or 1.0)
    cache.set(key, embedding.to_bytes(vector), QUERY_VECTOR_SECONDS)
    return vector


def similar(model: type[Posting], text: str) -> dict[int, float]:
    """{posting id: score} of the postings closest in meaning to `text`, best first."""
    if _provider is None or not words_of(text):
        return {}
    ids, scores = _provider(model, query_vector(text))
    if not len(ids) or scores.max() < SEMANTIC_CONFIDENT:
        return {}
    minimum = max(SEMANTIC_FLOOR, SEMANTIC_SHARE * float(scores.max()))
    count = min(SEMANTIC_LIMIT, len(ids))
    best = np.argpartition(-scores, count - 1)[:count]
    best = best[np.argsort(-scores[best])]
    return {int(ids[i]): round(float(scores[i]), 4) for i in best if scores[i] >= minimum}


def _with_words(model: type[Posting], query: SearchQuery) -> QuerySet:
    """The ids of the postings that have the words, in their own texts or their translations:
    one query of two index scans, which the page and the count use as a set."""
    own = model.objects.filter(search_document=query).order_by().values("pk")
    translated = (
        PostingTranslation.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            field__in=SEARCHED_TRANSLATIONS,
            search_document=query,
        )
        .order_by()
        .values("object_id")
    )
    return own.union(translated)


def search(postings: QuerySet[Posting], text: str) -> QuerySet[Posting]:
    """The postings that have the words or mean much the same, annotated with `relevance`."""
    query = text_query(text)
    if query is None:
        return postings
    model = postings.model
    words = Q(pk__in=_with_words(model, query))
    meaning = similar(model, text)
    return postings.filter(words | Q(pk__in=list(meaning))).annotate(
        relevance=Case(
            When(words, then=Value(WORD_MATCH)), default=Value(0.0), output_field=FloatField()
        )
        + Closeness(meaning)
    )


class Closeness(Func):
    """A row's score by meaning, from {id: score}: `COALESCE((scores)[array_position(ids, id)],
    0)`, two arrays as parameters (one CASE branch per id costs more to build than to run)."""

    template = "COALESCE((%(expressions)s], 0)"
    arg_joiner = ")["
    output_field = FloatField()

    def __init__(self, scores: dict[int, float]) -> None:
        ids = Value(list(scores), output_field=ArrayField(BigIntegerField()))
        values = Value(list(scores.values()), output_field=ArrayField(FloatField()))
        super().__init__(values, Func(ids, F("pk"), function="array_position"))
