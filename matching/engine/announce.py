"""Which pairs are announced: positive evidence that the offer gives what the need asks, and a
calibrated score, so that NOTIFY_THRESHOLD means "more likely useful than not".

- Evidence (each a gate; a pair that fails one is a *possible* match, never announced): the
  descriptions agree on the item or service (text above TEXT_EVIDENCE, not sector and topic
  alone); the kinds of help are compatible; the offer is still there when the need is due
  (DATE_GRACE_DAYS of slack); the offer covers at least QUANTITY_EVIDENCE of the need's open
  quantity (or either side gives none).
- Score: the probability that the pair is relevant, from a logistic model over the signals
  (FEATURES, COEFFICIENTS), fitted on the tuning set tests/data/matching_eval.json with
  `manage.py fit_announcement` (matching_lab/calibration/). Partners lift it as before. A pair
  without the evidence keeps its order among the others but scores below NOTIFY_THRESHOLD.

Which offers are kept for a need (and in what order they are chosen) is still the weighted
sum of weights.WEIGHTS (Signals.fit); this score orders them on the pages and decides the email.
"""

import numpy as np

from matching.engine.index import NO_DATE
from matching.engine.scoring import Signals
from matching.engine.weights import NOTIFY_THRESHOLD

# Stretched text agreement (0 at cosine 0.80, 1 at 0.90): 0.2 is a cosine of 0.82. On the tuning
# set 2 of the 70 relevant pairs are below it, and 39 of the look-alikes the engine keeps.
TEXT_EVIDENCE = 0.2
# A fifth of the need's open quantity is "a substantial part"; the tuning set's smallest
# relevant share is a quarter (5 of 20 generators), its near misses a tenth and less.
QUANTITY_EVIDENCE = 0.2
# An offer that ends a little before the need's deadline can still be delivered in time (4 of
# the tuning set's relevant pairs end up to 78 days early); one that ends a season earlier not.
DATE_GRACE_DAYS = 92
FIT_SHARE = 0.01
# A pair without the evidence scores its probability times this: below the threshold, in order.
POSSIBLE_CEILING = NOTIFY_THRESHOLD - 0.01

FEATURES = (
    "intercept",
    "text",  # stretched cosine, 0..1
    "same_topic",  # 1 or 0
    "same_sector",  # 1 or 0
    "kind",  # 1 same kind, the compatibility weight, or 0
    "coverage",  # the share of the need's open quantity the offer covers, 0..1; 0 if unknown
    "no_quantity",  # 1 where the need or the offer gives no quantity
    "ends_early",  # 1 where the offer ends before the need's deadline
    "title",  # the titles' stretched cosine, 0..1: which item, without the description's context
    "unit",  # the units' agreement, 0..1, 0.5 where either has none: do the quantities count
    # the same thing ("covers 200 %" of 2 generators with 4 dialysis machines)
)
# Fitted by `manage.py fit_announcement tests/data/matching_eval.json` (L2 1.0, on the pairs
# whose weighted fit is at least 0.3: the ones the engine could keep).
COEFFICIENTS = (-8.09, 4.13, 2.6, 0.77, 1.7, 0.49, -0.34, 0.06, 2.19, 1.99)


def _once(compute):
    """Computed once per Signals (the reasons ask for it pair by pair)."""
    name = f"_{compute.__name__}"

    def cached(found: Signals):
        if name not in found.__dict__:
            found.__dict__[name] = compute(found)
        return found.__dict__[name]

    cached.__doc__ = compute.__doc__
    return cached


@_once
def coverage(found: Signals) -> np.ndarray:
    """The share of the need's open quantity the offer covers, NaN where either has none."""
    with np.errstate(divide="ignore", invalid="ignore"):
        share = found.offer_open / found.need_open
    return np.where(found.need_open > 0, share, np.nan)


@_once
def days_short(found: Signals) -> np.ndarray:
    """How many days before the need's deadline the offer ends (0 if it does not, or either
    has no date)."""
    dated = (found.need_day != NO_DATE) & (found.offer_day != NO_DATE)
    return np.where(dated, np.maximum(found.need_day - found.offer_day, 0), 0)


def feature_matrix(found: Signals) -> np.ndarray:
    """The FEATURES of each pair, on a last axis."""
    share = coverage(found)
    known = ~np.isnan(share)
    columns = (
        np.ones(np.shape(found.text)),
        found.text,
        found.topic == 1.0,
        found.same_sector,
        found.kind,
        np.where(known, np.clip(np.nan_to_num(share), 0, 1), 0),
        ~known,
        days_short(found) > 0,
        found.title,
        found.unit,
    )
    return np.stack([np.asarray(column, dtype=np.float64) for column in columns], axis=-1)


def probability(found: Signals, coefficients=COEFFICIENTS) -> np.ndarray:
    logits = feature_matrix(found) @ np.asarray(coefficients, dtype=np.float64)
    return 1 / (1 + np.exp(-logits))


@_once
def misfits(found: Signals) -> dict[str, np.ndarray]:
    """Per gate, where a pair lacks the evidence (True: does not fit)."""
    share = coverage(found)
    return {
        "item": found.text < TEXT_EVIDENCE,
        "kind": found.kind <= 0,
        "date": days_short(found) > DATE_GRACE_DAYS,
        "quantity": ~np.isnan(share) & (np.nan_to_num(share, nan=1.0) < QUANTITY_EVIDENCE),
    }


def evidence(found: Signals) -> np.ndarray:
    """True where the pair passes every gate."""
    failed = misfits(found)
    return ~np.logical_or.reduce(list(failed.values()))


def announcement_score(found: Signals) -> np.ndarray:
    # The probability saturates for clear pairs; a hundredth of the weighted fit keeps their
    # order (nearer, same language, partners first) without moving the calibration.
    likely = (1 - FIT_SHARE) * probability(found) + FIT_SHARE * found.fit()
    likely = found.lifted_for_partners(likely)
    return np.where(evidence(found), likely, likely * POSSIBLE_CEILING)
