"""A logistic regression in numpy (Newton's method with a small L2 penalty, the intercept not
penalised): the announcement model of matching/engine/announce.py, fitted on a labelled set."""

import numpy as np

from matching.engine import announce
from matching_lab.calibration.pairs import LabelledPairs

L2 = 1.0
ITERATIONS = 50
# The pairs the model learns from: those the engine could keep (weighted fit at least this).
CANDIDATE_FIT = 0.3


def fit_logistic(features: np.ndarray, labels: np.ndarray, l2: float = L2) -> np.ndarray:
    """Coefficients w maximising the log-likelihood of labels (0/1) under sigmoid(features @ w)
    minus l2/2 |w[1:]|²; the first column is the intercept."""
    weights = np.zeros(features.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(features.shape[1] - 1)])
    for _ in range(ITERATIONS):
        likely = 1 / (1 + np.exp(-features @ weights))
        gradient = features.T @ (likely - labels) + penalty @ weights
        hessian = (features * (likely * (1 - likely))[:, None]).T @ features + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def fit_announcement(pairs: LabelledPairs) -> np.ndarray:
    """The COEFFICIENTS of announce.FEATURES, fitted on the candidate pairs of a labelled set."""
    candidates = pairs.found.fit() >= CANDIDATE_FIT
    features = announce.feature_matrix(pairs.found)[candidates]
    return fit_logistic(features, pairs.relevant[candidates].astype(np.float64))
