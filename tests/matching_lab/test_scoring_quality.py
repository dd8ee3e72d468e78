"""On the labelled sets, the real engine reaches the issue's targets and beats the baseline.

Runs the real pipeline and model on each set in a database of its own (about half a minute
each): the tuning set (60 needs, 85 offers), on which weights and the announcement model were
set, and the reporting set (42 needs, 91 offers), never tuned on.

The floors are a pair (or a need) below the lowest figure seen: the embedding's matrix products
round differently on different processors, and a pair at the edge of the threshold or of the
fifth place moves with them (on an AMD EPYC machine one need's relevant offer came sixth, not
fifth, and one relevant pair of the reporting set scored just under the threshold). The
figures in the comments are those of the announcement model with titles and units."""

import io
import json

import pytest
from django.core.management import call_command

from matching_lab.evaluation.metrics import METRIC_KEYS

pytestmark = pytest.mark.django_db


def test_the_engine_meets_the_quality_targets_on_the_labelled_set():
    out = io.StringIO()

    call_command("evaluate_matching", "tests/data/matching_eval.json", "--json", stdout=out)

    figures = json.loads(out.getvalue())
    assert set(figures) == {"engine", "baseline"}
    assert set(figures["engine"]) == set(figures["baseline"]) == set(METRIC_KEYS)
    engine, baseline = figures["engine"], figures["baseline"]
    assert engine["recall_at_5"] >= 0.94  # 0.962 seen; 49 of 52 needs
    assert engine["mrr"] >= 0.90
    assert engine["recall_at_5_cross_language"] >= 0.90
    assert engine["false_alarms"] == 0
    assert engine["mrr"] > baseline["mrr"]
    assert engine["notification_precision"] >= 0.92  # 0.942 seen: 49 of 52 pairs
    assert engine["notification_recall"] >= 0.68  # 0.700 seen; 48 of 70 pairs


def test_on_the_reporting_set_announcements_are_precise_and_no_unanswerable_need_is_announced():
    out = io.StringIO()

    call_command(
        "evaluate_matching", "tests/data/matching_eval_reporting.json", "--json", stdout=out
    )

    engine = json.loads(out.getvalue())["engine"]
    # Before issue 10: precision 0.595, recall 0.710, 3 of 12 needs without an offer announced.
    assert engine["false_alarms"] == 0
    assert engine["notification_precision"] >= 0.92  # 0.962 seen: 25 of 26 pairs
    assert engine["notification_recall"] >= 0.77  # 0.806 seen; 24 of 31 pairs
    assert engine["recall_at_5"] >= 0.95
    assert engine["mrr"] >= 0.95  # 0.983 seen
