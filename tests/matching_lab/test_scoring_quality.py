"""On the labelled set, the real engine reaches the issue's targets and beats the baseline.

Runs the real pipeline and model on 60 needs and 85 offers in a database of its own (about
half a minute)."""

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
    assert engine["recall_at_5"] >= 0.95
    assert engine["mrr"] >= 0.90
    assert engine["recall_at_5_cross_language"] >= 0.90
    assert engine["false_alarms"] == 0
    assert engine["mrr"] > baseline["mrr"]
