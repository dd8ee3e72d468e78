"""One evaluation: read the file, rank with the baseline and with the real engine (in a fresh
database), and put the figures side by side."""

import time
from dataclasses import dataclass
from pathlib import Path

from matching.engine.weights import NOTIFY_THRESHOLD
from matching_lab.evaluation.baseline import ALERT_COSINE, baseline_rankings
from matching_lab.evaluation.database import load_labelled_set
from matching_lab.evaluation.dataset import LabelledSet, read_labelled_set
from matching_lab.evaluation.engine_run import engine_rankings
from matching_lab.evaluation.metrics import (
    TABLE_THRESHOLDS,
    evaluate,
    split_by_language,
    threshold_table,
)
from matching_lab.scratch_database import scratch_database

Figures = dict[str, float | int | None]


@dataclass
class Evaluation:
    labelled: LabelledSet
    engine: Figures
    baseline: Figures
    seconds: float
    # The engine's (threshold, precision, recall, false alarms) at a range of thresholds.
    calibration: list[tuple[float, float, float, int]]

    def as_json(self) -> dict[str, Figures]:
        return {"engine": self.engine, "baseline": self.baseline}

    @property
    def relevant_pairs(self) -> int:
        return sum(len(offers) for offers in self.labelled.relevant.values())

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
        engine=evaluate(engine, labelled.relevant, *languages, NOTIFY_THRESHOLD),
        baseline=evaluate(baseline, labelled.relevant, *languages, ALERT_COSINE),
        seconds=time.monotonic() - started,
        calibration=threshold_table(
            engine.scores, labelled.relevant, sorted({*TABLE_THRESHOLDS, NOTIFY_THRESHOLD})
        ),
    )
