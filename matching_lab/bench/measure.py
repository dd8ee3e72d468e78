"""The benchmark itself: build the synthetic data set in a scratch database, then time the two
real paths, one new need through pipeline.match_posting and the full rematch, and measure
their memory."""

import resource
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from matching.engine import pipeline
from matching.engine.batch import rematch_all
from matching_lab.bench.synthetic import Generator, insert
from matching_lab.scratch_database import scratch_database
from needs.models import Need
from offers.models import Offer

# Runs that embed the new need's text for real (the model takes 10-130 ms a text).
EMBEDDING_REPEATS = 10

Progress = Callable[[str, int, int], None]


@dataclass
class Figures:
    needs: int
    offers: int
    database: str = ""
    municipalities: int = 0
    texts: int = 0
    embed_seconds: float = 0.0
    insert_seconds: float = 0.0
    rematch_seconds: float = 0.0
    stored: int = 0
    index_seconds: float = 0.0
    single_seconds: list[float] = field(default_factory=list)
    embedding_seconds: list[float] = field(default_factory=list)
    single_peak: int = 0
    rematch_peak: int = 0
    max_rss: int = 0


def run_benchmark(needs: int, offers: int, repeats: int, progress: Progress) -> Figures:
    figures = Figures(needs=needs, offers=offers)
    with scratch_database("bench_matching") as name:
        figures.database = name
        generator, new_needs = _populate(figures, repeats + 2, progress)
        figures.rematch_seconds, result = _timed(lambda: rematch_all(progress))
        figures.stored = result.stored
        figures.rematch_peak = _traced_peak(lambda: rematch_all())
        _time_single_needs(figures, generator, new_needs)
    figures.max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return figures


def _populate(figures: Figures, new: int, progress: Progress) -> tuple[Generator, list]:
    """The data set, inserted; and `new` needs made but not inserted yet (timed one by one)."""
    generator = Generator.create(max(10, (figures.needs + figures.offers) // 20))
    figures.municipalities = sum(len(pks) for pks in generator.municipalities.values())
    made = {
        Need: generator.postings(Need, figures.needs),
        Offer: generator.postings(Offer, figures.offers),
    }
    new_needs = generator.postings(Need, new)
    postings = [posting for rows in [*made.values(), new_needs] for posting, _t in rows]
    figures.embed_seconds, _ = _timed(lambda: generator.embed(postings, progress))
    figures.texts = len(generator.vectors)
    figures.insert_seconds, _ = _timed(
        lambda: [insert(generator, model, rows) for model, rows in made.items()]
    )
    return generator, new_needs


def _time_single_needs(figures: Figures, generator: Generator, new_needs: list) -> None:
    """New needs, one at a time, as the worker matches them: the offer index is built first
    (a worker's cache holds it between tasks), one warm-up run is not counted."""
    pipeline.forget_index_cache()
    figures.index_seconds, _ = _timed(lambda: pipeline.open_index(Offer))
    warm_up, *timed, traced = insert(generator, Need, new_needs)
    _match(warm_up)
    figures.single_seconds = [_match(need) for need in timed]
    figures.single_peak = _traced_peak(lambda: _match(traced))
    fresh = generator.postings(Need, min(len(timed), EMBEDDING_REPEATS))
    figures.embedding_seconds = [
        _match(need) for need in insert(generator, Need, fresh, vectors=False)
    ]


def _match(need: Need) -> float:
    """One run of the worker's path for a need, loaded as the task loads it."""
    posting = Need.objects.select_related("municipality", "sector", "topic", "help_kind").get(
        pk=need.pk
    )
    seconds, _ = _timed(lambda: pipeline.match_posting(posting))
    return seconds


def _timed(work: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _traced_peak(work: Callable) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def milliseconds(seconds: list[float]) -> str:
    """Median and p95 of timings, in milliseconds."""
    values = np.array(seconds) * 1000
    return f"median {np.median(values):.1f} ms, p95 {np.percentile(values, 95):.1f} ms"


def report(figures: Figures) -> list[str]:
    """The figure lines, one per measure, each starting with a fixed label."""
    pairs = figures.needs * figures.offers
    single = float(np.median(figures.single_seconds))
    return [
        f"data: {figures.needs} needs, {figures.offers} offers, {figures.municipalities} "
        f"municipalities in scratch database {figures.database} (dropped); "
        f"{figures.texts} distinct texts (template and unit) embedded once in "
        f"{figures.embed_seconds:.1f} s, "
        f"rows inserted in {figures.insert_seconds:.1f} s",
        f"one need vs {figures.offers} offers: {milliseconds(figures.single_seconds)} over "
        f"{len(figures.single_seconds)} runs (pipeline.match_posting incl. DB upserts; offer "
        f"index already cached, as in a running worker; the need's vector stored beforehand)",
        f"one need incl. embedding its text: {milliseconds(figures.embedding_seconds)} over "
        f"{len(figures.embedding_seconds)} runs (same path, the worker embeds the new text)",
        f"offer index build: {figures.index_seconds * 1000:.0f} ms (once per change to the "
        f"offers, when a worker's cached index is stale)",
        f"full rematch: {figures.rematch_seconds:.2f} s for {figures.needs} x {figures.offers} "
        f"= {pairs} pairs, {figures.stored} matches stored (match --all path)",
        f"pairs scored per second: one need {figures.offers / single:,.0f}/s, "
        f"full rematch {pairs / figures.rematch_seconds:,.0f}/s",
        f"memory peak: one need {figures.single_peak / 2**20:.1f} MiB, full rematch "
        f"{figures.rematch_peak / 2**20:.1f} MiB (tracemalloc, separate traced runs); "
        f"process ru_maxrss {figures.max_rss / 2**20:.0f} MiB (incl. the embedding model)",
    ]
