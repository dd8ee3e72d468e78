"""One evaluation: read the file, rank with the baseline and with the real engine (in a fresh
database), and put the figures side by side."""

import time
from dataclasses import dataclass
from pathlib import Path

from matching_lab.evaluation.baseline import baseline_rankings
from matching_lab.evaluation.database import load_labelled_set
from matching_lab.evaluation.dataset import LabelledSet, read_labelled_set
from matching_lab.evaluation.engine_run import engine_rankings
from matching_lab.evaluation.metrics import evaluate, split_by_language
from matching_lab.scratch_database import scratch_database

Figures = dict[str, float | int | None]


@dataclass
class Evaluation:
    labelled: LabelledSet
    engine: Figures
    baseline: Figures
    seconds: float

    def as_json(self) -> dict[str, Figures]:
        return {"engine": self.engine, "baseline": self.baseline}

    @property
    def needs_with_relevant(self) -> int:
        return sum(1 for offers in self.labelled.relevant.values() if offers)

    @property
    def language_split(self) -> tuple[int, int]:
        """How many needs count in the same-language and in the cross-language row."""
        same, cross = split_by_language(self.labelled.relevant, *_languages(self.labelled))
        return len(same), len(cross)


def _languages(labelled: LabelledSet) -> tuple[dict[str, str], dict[str, str]]:
    return (
        {need.key: need.language for need in labelled.needs},
        {offer.key: offer.language for offer in labelled.offers},
    )


def evaluate_file(path: str | Path) -> Evaluation:
    started = time.monotonic()
    labelled = read_labelled_set(path)
    baseline = baseline_rankings(labelled)
    with scratch_database("evaluate_matching"):
        engine = engine_rankings(load_labelled_set(labelled))
    languages = _languages(labelled)
    return Evaluation(
        labelled=labelled,
        engine=evaluate(engine, labelled.relevant, *languages),
        baseline=evaluate(baseline, labelled.relevant, *languages),
        seconds=time.monotonic() - started,
    )
