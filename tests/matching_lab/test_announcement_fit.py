"""The announcement model's fitting: a logistic regression in numpy that finds the coefficients
behind labels, and the command that fits it on the tuning set."""

import io
import re

import numpy as np
import pytest
from django.core.management import call_command

from matching.engine import announce
from matching_lab.calibration.fit import fit_logistic


def test_the_logistic_fit_recovers_the_coefficients_behind_the_labels():
    generator = np.random.default_rng(7)
    features = np.column_stack([np.ones(20_000), generator.normal(size=(20_000, 2))])
    truth = np.array([-1.0, 2.0, -0.5])
    labels = generator.random(20_000) < 1 / (1 + np.exp(-features @ truth))

    fitted = fit_logistic(features, labels.astype(float), l2=0.0)

    assert fitted == pytest.approx(truth, abs=0.1)


def test_the_stored_coefficients_name_every_feature():
    assert len(announce.COEFFICIENTS) == len(announce.FEATURES)
    assert announce.FEATURES[0] == "intercept"


@pytest.mark.django_db
def test_fitting_on_the_tuning_set_reproduces_the_stored_coefficients():
    out = io.StringIO()

    call_command("fit_announcement", "tests/data/matching_eval.json", stdout=out)

    [printed] = re.findall(r"^COEFFICIENTS = (\(.*\))$", out.getvalue(), re.M)
    assert tuple(float(value) for value in printed.strip("()").split(",")) == pytest.approx(
        announce.COEFFICIENTS, abs=0.011
    )
    assert re.search(r"^\s+0\.50\s+0\.9\d\d\s+0\.\d+\s+0$", out.getvalue(), re.M)
