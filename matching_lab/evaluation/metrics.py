"""Ranking quality: recall@5, precision@1 and MRR over the needs that have a relevant offer,
recall@5 split by language, and false alarms over the needs that have none.

Definitions (they are printed with the figures):

- recall@5 of a need: the share of its relevant offers among its first five ranked offers;
  averaged over the needs with at least one relevant offer.
- precision@1: the share of those needs whose first ranked offer is relevant.
- MRR: the mean of 1 / rank of the first relevant offer (0 when none is ranked).
- same-language / cross-language recall@5: a need's relevant offers are split into those written
  in the need's language and those written in another; a need counts in the same-language row
  if it has a relevant offer in its own language, in the cross-language row if it has one in
  another language (a need with both counts in both), and each row averages, over its needs,
  the share of *those* offers among the first five. None when no need falls in a row.
- false alarms: needs with no relevant offer that would still have notified someone (for the
  engine, a match scored at or above NOTIFY_THRESHOLD).
- notification precision: of the need–offer pairs scored at or above the threshold (what is
  announced), the share that are relevant (1.0 when nothing is announced);
  notification recall: of all relevant pairs, the share scored at or above the threshold.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from matching.engine.weights import NOTIFY_THRESHOLD

K = 5
METRIC_KEYS = (
    "recall_at_5",
    "precision_at_1",
    "mrr",
    "recall_at_5_same_language",
    "recall_at_5_cross_language",
    "false_alarms",
    "notification_precision",
    "notification_recall",
)
# The thresholds of the calibration table (besides the real one).
TABLE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)

Pair = tuple[str, str]  # need key, offer key


@dataclass
class Rankings:
    """What a system proposes: per need key, offer keys best first; and the needs for which it
    would have notified someone."""

    ranked: dict[str, list[str]]
    alarmed: set[str] = field(default_factory=set)
    scores: dict[Pair, float] = field(default_factory=dict)  # the pairs it scored


def recall_at_k(ranking: Sequence[str], relevant: Collection[str], k: int = K) -> float:
    if not relevant:
        raise ValueError("recall is defined only for a need with a relevant offer")
    return len(set(ranking[:k]) & set(relevant)) / len(relevant)


def precision_at_1(ranking: Sequence[str], relevant: Collection[str]) -> float:
    return 1.0 if ranking and ranking[0] in relevant else 0.0


def reciprocal_rank(ranking: Sequence[str], relevant: Collection[str]) -> float:
    for rank, offer in enumerate(ranking, start=1):
        if offer in relevant:
            return 1 / rank
    return 0.0


def false_alarms(alarmed: Collection[str], relevant: Mapping[str, Collection[str]]) -> int:
    return sum(1 for need in alarmed if not relevant.get(need))


def notification(
    scores: Mapping[Pair, float], relevant: Mapping[str, Collection[str]], threshold: float
) -> tuple[float, float]:
    """(precision, recall) of announcing every pair scored at or above `threshold`."""
    announced = {pair for pair, score in scores.items() if score >= threshold}
    hits = sum(1 for need, offer in announced if offer in relevant.get(need, ()))
    total = sum(len(offers) for offers in relevant.values())
    precision = hits / len(announced) if announced else 1.0
    return round(precision, 4), round(hits / total, 4) if total else 1.0


def threshold_table(
    scores: Mapping[Pair, float],
    relevant: Mapping[str, Collection[str]],
    thresholds: Sequence[float] = TABLE_THRESHOLDS,
) -> list[tuple[float, float, float, int]]:
    """(threshold, precision, recall, false-alarm needs) at each threshold."""
    rows = []
    for threshold in thresholds:
        precision, recall = notification(scores, relevant, threshold)
        alarmed = {need for (need, _offer), score in scores.items() if score >= threshold}
        rows.append((threshold, precision, recall, false_alarms(alarmed, relevant)))
    return rows


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def split_by_language(
    relevant: Mapping[str, Collection[str]],
    need_language: Mapping[str, str],
    offer_language: Mapping[str, str],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per need, its relevant offers in its own language, and those in another language."""
    same: dict[str, set[str]] = {}
    cross: dict[str, set[str]] = {}
    for need, offers in relevant.items():
        for offer in offers:
            group = same if offer_language[offer] == need_language[need] else cross
            group.setdefault(need, set()).add(offer)
    return same, cross


def evaluate(
    rankings: Rankings,
    relevant: Mapping[str, Collection[str]],
    need_language: Mapping[str, str],
    offer_language: Mapping[str, str],
    threshold: float = NOTIFY_THRESHOLD,
) -> dict[str, float | int | None]:
    """The figures, under METRIC_KEYS; the notification figures at `threshold`."""
    judged = [need for need, offers in relevant.items() if offers]
    ranked = {need: rankings.ranked.get(need, []) for need in relevant}
    same, cross = split_by_language(relevant, need_language, offer_language)
    return {
        "recall_at_5": _mean([recall_at_k(ranked[n], relevant[n]) for n in judged]),
        "precision_at_1": _mean([precision_at_1(ranked[n], relevant[n]) for n in judged]),
        "mrr": _mean([reciprocal_rank(ranked[n], relevant[n]) for n in judged]),
        "recall_at_5_same_language": _mean([recall_at_k(ranked[n], same[n]) for n in same]),
        "recall_at_5_cross_language": _mean([recall_at_k(ranked[n], cross[n]) for n in cross]),
        "false_alarms": false_alarms(rankings.alarmed, relevant),
        **dict(
            zip(
                ("notification_precision", "notification_recall"),
                notification(rankings.scores, relevant, threshold),
                strict=True,
            )
        ),
    }
