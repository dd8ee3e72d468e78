"""`manage.py evaluate_matching FILE.json [--json]`: matching quality on a labelled set,
engine beside a plain baseline. See matching_lab/evaluation/ for the definitions."""

import json

from django.core.management.base import BaseCommand, CommandParser

from matching_lab.evaluation.report import format_table
from matching_lab.evaluation.run import evaluate_file


class Command(BaseCommand):
    help = (
        "Load a labelled set of needs and offers into a fresh database, run the real matching "
        "pipeline and a TF-IDF baseline, and print recall@5, precision@1, MRR and false alarms."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the labelled set (JSON, format in the README)")
        parser.add_argument(
            "--json",
            action="store_true",
            help='print one JSON object {"engine": {...}, "baseline": {...}} instead of a table',
        )

    def handle(self, *args, **options) -> None:
        evaluation = evaluate_file(options["file"])
        if options["json"]:
            self.stdout.write(json.dumps(evaluation.as_json()))
        else:
            self.stdout.write(format_table(evaluation, options["file"]))
