"""`manage.py fit_announcement FILE.json`: fit the announcement model on a labelled set (the
tuning set, tests/data/matching_eval.json; never the reporting set) and print the coefficients
to paste into matching/engine/announce.py, with the fit's precision and recall."""

import numpy as np
from django.core.management.base import BaseCommand, CommandParser

from matching.engine import announce
from matching_lab.calibration.fit import fit_announcement
from matching_lab.calibration.pairs import labelled_pairs
from matching_lab.evaluation.dataset import read_labelled_set
from matching_lab.evaluation.metrics import threshold_table


class Command(BaseCommand):
    help = (
        "Fit the logistic announcement model (matching/engine/announce.py) on every need-offer "
        "pair of a labelled set and print its coefficients."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the tuning set (JSON, same format as evaluate_matching)")

    def handle(self, *args, **options) -> None:
        labelled = read_labelled_set(options["file"])
        pairs = labelled_pairs(labelled)
        coefficients = fit_announcement(pairs)
        for name, value in zip(announce.FEATURES, coefficients, strict=True):
            self.stdout.write(f"{name:<14}{value:+.2f}")
        rounded = tuple(round(float(value), 2) for value in coefficients)
        self.stdout.write(f"COEFFICIENTS = {rounded}")
        likely = announce.probability(pairs.found, rounded)
        gated = np.where(announce.evidence(pairs.found), likely, 0.0)
        scores = {
            (need, offer): float(gated[row, column])
            for row, need in enumerate(pairs.need_keys)
            for column, offer in enumerate(pairs.offer_keys)
        }
        self.stdout.write(
            f"{'threshold':>10}{'precision':>11}{'recall':>8}{'false alarms':>14}"
            "  (all pairs, fitted)"
        )
        for threshold, precision, recall, alarms in threshold_table(scores, labelled.relevant):
            self.stdout.write(f"{threshold:>10.2f}{precision:>11.3f}{recall:>8.3f}{alarms:>14}")
