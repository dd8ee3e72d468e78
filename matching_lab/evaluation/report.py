"""The figures as a table: engine and baseline side by side, with the margin."""

from matching.engine import weights
from matching_lab.evaluation.baseline import ALERT_COSINE
from matching_lab.evaluation.run import Evaluation

LABEL_WIDTH = 44


def _cell(value: float | int | None) -> str:
    if value is None:
        return "—"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _margin(engine: float | int | None, baseline: float | int | None) -> str:
    if engine is None or baseline is None:
        return "—"
    if isinstance(engine, int) and isinstance(baseline, int):
        return f"{engine - baseline:+d}"
    return f"{engine - baseline:+.3f}"


def format_table(evaluation: Evaluation, source: str) -> str:
    labelled = evaluation.labelled
    judged = evaluation.needs_with_relevant
    same, cross = evaluation.language_split
    rows = [
        ("recall_at_5", f"recall@5 ({judged} needs)"),
        ("precision_at_1", "precision@1"),
        ("mrr", "MRR"),
        ("recall_at_5_same_language", f"recall@5, same language ({same} needs)"),
        ("recall_at_5_cross_language", f"recall@5, cross-language ({cross} needs)"),
        ("false_alarms", f"false alarms (of {len(labelled.needs) - judged} needs)"),
        ("notification_precision", "notification precision"),
        ("notification_recall", f"notification recall ({evaluation.relevant_pairs} pairs)"),
    ]
    lines = [
        f"Matching quality on {source}: {len(labelled.needs)} needs, "
        f"{len(labelled.offers)} offers, {len(labelled.municipalities)} municipalities",
        "",
        f"{'':<{LABEL_WIDTH}}{'engine':>10}{'baseline':>10}{'margin':>10}",
    ]
    for key, label in rows:
        engine, baseline = evaluation.engine[key], evaluation.baseline[key]
        lines.append(
            f"{label:<{LABEL_WIDTH}}{_cell(engine):>10}{_cell(baseline):>10}"
            f"{_margin(engine, baseline):>10}"
        )
    lines += ["", "Engine, announced from each threshold (* the real one):"]
    lines.append(f"{'threshold':>12}{'precision':>11}{'recall':>8}{'false alarms':>14}")
    for threshold, precision, recall, alarms in evaluation.calibration:
        mark = "*" if abs(threshold - weights.NOTIFY_THRESHOLD) < 1e-9 else " "
        lines.append(f"{threshold:>11.2f}{mark}{precision:>11.3f}{recall:>8.3f}{alarms:>14d}")
    lines += [
        "",
        "recall@5, precision@1 and MRR are over the needs with at least one relevant offer.",
        "Same-language / cross-language: a need's relevant offers written in its own language /",
        "in another; a need with both counts in both rows, each over its own offers.",
        "False alarm: a need with no relevant offer that would still notify someone: for the",
        f"engine a match scored >= NOTIFY_THRESHOLD ({weights.NOTIFY_THRESHOLD}); for the",
        f"baseline an offer of the same sector with TF-IDF cosine >= {ALERT_COSINE}.",
        "Notification precision: of the need-offer pairs announced (scored at or above the",
        "threshold), the share relevant; notification recall: of the relevant pairs, the share",
        "announced.",
        "Baseline: same sector (same topic first), ranked by TF-IDF cosine of title and "
        "description.",
        f"Run time: {evaluation.seconds:.1f} s",
    ]
    return "\n".join(lines)
