"""`manage.py bench_matching --needs N --offers M [--repeats R]`: how fast matching is, on
synthetic postings in a scratch database (created and dropped; the main one is never used)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.management.commands.match import ProgressLine
from matching_lab.bench.measure import report, run_benchmark


class Command(BaseCommand):
    help = (
        "Generate N needs and M offers in a scratch database and print: one new need against "
        "M open offers (median and p95), the full rematch, memory peak, pairs scored per second."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--needs", type=int, required=True, help="open needs to generate")
        parser.add_argument("--offers", type=int, required=True, help="open offers to generate")
        parser.add_argument(
            "--repeats", type=int, default=50, help="new needs matched one by one (default 50)"
        )

    def handle(self, *args, **options) -> None:
        needs, offers, repeats = options["needs"], options["offers"], options["repeats"]
        if min(needs, offers, repeats) < 1:
            raise CommandError("--needs, --offers and --repeats must be at least 1.")
        progress = ProgressLine(self._progress)
        figures = run_benchmark(needs, offers, repeats, progress)
        progress.end()
        for line in report(figures):
            self.stdout.write(line)

    def _progress(self, text: str) -> None:
        self.stderr.write(text, ending="")
        self.stderr.flush()
