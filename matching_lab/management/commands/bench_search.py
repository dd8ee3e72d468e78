"""`manage.py bench_search --postings N [--repeats R]`: how fast the needs list is with a search
query, next to the plain list, on synthetic postings in a scratch database (created and
dropped; the main one is never used)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.management.commands.match import ProgressLine
from matching_lab.bench.search import report, run_benchmark


class Command(BaseCommand):
    help = (
        "Generate N needs with vectors and machine translations in a scratch database and print "
        "the needs list's times (median, p95): plain, searched with new queries, and with "
        "queries seen before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--postings", type=int, default=10_000, help="published needs (default 10000)"
        )
        parser.add_argument(
            "--repeats", type=int, default=100, help="requests per measure (default 100)"
        )

    def handle(self, *args, **options) -> None:
        postings, repeats = options["postings"], options["repeats"]
        if min(postings, repeats) < 1:
            raise CommandError("--postings and --repeats must be at least 1.")
        progress = ProgressLine(self._progress)
        figures = run_benchmark(postings, repeats, progress)
        progress.end()
        for line in report(figures):
            self.stdout.write(line)

    def _progress(self, text: str) -> None:
        self.stderr.write(text, ending="")
        self.stderr.flush()
