"""The search benchmark: synthetic needs (with their vectors and machine translations, as a
running platform with a translation service has them) in a scratch database, then the needs
page requested as a reader does: plain, with a query seen for the first time (its vector is
computed), and with queries seen before (their vectors come from the cache), each search next
to a plain request."""

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import Client

from core.languages import LANGUAGE_CODES
from matching import search_index
from matching_lab.bench.measure import milliseconds
from matching_lab.bench.synthetic import INSERT_BATCH, Generator, insert
from matching_lab.scratch_database import scratch_database
from needs.models import Need
from postings import search
from postings.models import PostingTranslation
from postings.selectors import PostingFilters, search_postings

# What officials look for, in the five languages: single words, compounds, phrases.
QUERIES = [
    "beds", "Betten", "ліжка", "hospital beds", "Krankenhausbetten", "łóżka szpitalne",
    "generator", "Stromerzeuger", "генератори", "agregaty", "groupes électrogènes",
    "fire brigade", "Feuerwehr", "пожежне спорядження", "straż pożarna", "pompiers",
    "wheelchairs", "Rollstühle", "school", "Schule", "water pumps", "Trinkwasser",
    "psychological support for children", "травма", "ambulance", "Rettungswagen",
    "solar panels", "Photovoltaik", "university", "partenariat universitaire",
]  # fmt: skip
URL = "/en/needs/"

Progress = Callable[[str, int, int], None]


@dataclass
class Figures:
    postings: int
    database: str = ""
    translations: int = 0
    setup_seconds: float = 0.0
    index_seconds: float = 0.0
    plain: list[float] = field(default_factory=list)
    first_time: list[float] = field(default_factory=list)
    repeated: list[float] = field(default_factory=list)
    results: list[int] = field(default_factory=list)
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)


def run_benchmark(postings: int, repeats: int, progress: Progress) -> Figures:
    figures = Figures(postings=postings)
    with scratch_database("bench_search") as name:
        figures.database = name
        started = time.perf_counter()
        _populate(figures, progress)
        figures.setup_seconds = time.perf_counter() - started
        _measure(figures, repeats, progress)
    return figures


def _populate(figures: Figures, progress: Progress) -> None:
    generator = Generator.create(max(10, figures.postings // 20))
    made = generator.postings(Need, figures.postings)
    generator.embed([posting for posting, _template in made], progress)
    needs = insert(generator, Need, made)
    figures.translations = _translate(needs, progress)
    with connection.cursor() as cursor:  # the statistics autovacuum keeps on a running site
        cursor.execute("ANALYZE")


def _translate(needs: list[Need], progress: Progress) -> int:
    """Machine translations of every searched text into the other languages, of the size the
    originals have (marked with the language: the benchmark times search, not translation)."""
    content_type = ContentType.objects.get_for_model(Need)
    rows = []
    for number, need in enumerate(needs, 1):
        for text in search.SEARCHED_TRANSLATIONS:
            original = need.original(text)
            rows += [
                PostingTranslation(
                    content_type=content_type,
                    object_id=need.pk,
                    field=text,
                    language=language,
                    text=f"[{language}] {original}",
                    source=PostingTranslation.digest(original),
                )
                for language in LANGUAGE_CODES
                if original and language != need.original_language
            ]
        if len(rows) >= INSERT_BATCH or number == len(needs):
            PostingTranslation.objects.bulk_create(rows)
            progress("translations", number, len(needs))
            rows = []
    return PostingTranslation.objects.count()


def _get(client: Client, query: dict) -> float:
    started = time.perf_counter()
    response = client.get(URL, query)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{URL} answered {response.status_code} for {query}")
    return seconds


def _measure(figures: Figures, repeats: int, progress: Progress) -> None:
    """Each search request follows a plain one, so that both see the same load on the
    machine."""
    client = Client(HTTP_HOST="localhost")
    _get(client, {})  # a running process has its templates and content types loaded
    search.query_vector("warm up")  # and the model
    search_index.forget()
    figures.index_seconds = _get(client, {"q": "warm up"})  # loads every vector
    for number, query in enumerate(QUERIES):
        cache.delete(search.query_vector_key(query))
        figures.plain.append(_get(client, {}))
        figures.first_time.append(_get(client, {"q": query}))
        figures.results.append(search_postings(Need, PostingFilters(q=query)).count())
        progress("first searches", number + 1, len(QUERIES))
    for number in range(repeats):
        figures.plain.append(_get(client, {}))
        figures.repeated.append(_get(client, {"q": QUERIES[number % len(QUERIES)]}))
        progress("repeated searches", number + 1, repeats)
    figures.load = os.getloadavg()


def report(figures: Figures) -> list[str]:
    """The figure lines, one per measure, each starting with a fixed label."""
    first, repeated = figures.first_time, figures.repeated
    return [
        f"data: {figures.postings} needs with their vectors and {figures.translations} machine "
        f"translations in scratch database {figures.database} (dropped); "
        f"set up in {figures.setup_seconds:.1f} s",
        f"plain list ({URL}): {milliseconds(figures.plain)} over {len(figures.plain)} requests",
        f"search, each query the first time (its vector computed): {milliseconds(first)} over "
        f"{len(first)} queries",
        f"search, queries seen before (vector from the cache): {milliseconds(repeated)} over "
        f"{len(repeated)} requests",
        f"first search of a process (loads the {figures.postings} vectors): "
        f"{figures.index_seconds * 1000:.0f} ms",
        f"results per query: median {np.median(figures.results):.0f}, "
        f"at most {max(figures.results)}",
        "machine load at the end (1, 5, 15 min): "
        + ", ".join(f"{value:.2f}" for value in figures.load),
    ]
