"""The announcement model's fitting: a logistic regression in numpy that finds the coefficients
behind labels, and the command that fits it on the tuning set."""

import numpy as np
import pytest

from matching.engine import announce
from matching_lab.calibration.fit import fit_logistic, precision_recall


def test_the_logistic_fit_recovers_the_coefficients_behind_the_labels():
    generator = np.random.default_rng(7)
    features = np.column_stack([np.ones(20_000), generator.normal(size=(20_000, 2))])
    truth = np.array([-1.0, 2.0, -0.5])
    labels = generator.random(20_000) < 1 / (1 + np.exp(-features @ truth))

    fitted = fit_logistic(features, labels.astype(float), l2=0.0)

    assert fitted == pytest.approx(truth, abs=0.1)


def test_precision_recall_counts_the_pairs_at_or_above_the_threshold():
    scores = np.array([0.9, 0.6, 0.4, 0.2])
    relevant = np.array([True, False, True, False])

    assert precision_recall(scores, relevant, 0.5) == (0.5, 0.5)


def test_the_stored_coefficients_name_every_feature():
    assert len(announce.COEFFICIENTS) == len(announce.FEATURES)
    assert announce.FEATURES[0] == "intercept"
