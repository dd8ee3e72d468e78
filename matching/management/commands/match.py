"""`manage.py match --all`: recompute every match now, in this process, with a progress line."""

import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.engine.batch import rematch_all
from matching.notifications import notify_unannounced_matches


class ProgressLine:
    """`\\r matched 1234/10000 needs` on one terminal line, redrawn at most every 0.2 s."""

    LINES = {
        "embedded": "\r checked {done}/{total} postings for embedding",
        "matched": "\r matched {done}/{total} needs",
        "texts": "\r embedded {done}/{total} distinct texts",
    }

    def __init__(self, write: Callable[[str], None], interval: float = 0.2) -> None:
        self.write = write
        self.interval = interval
        self.shown_at = 0.0
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != self.stage and self.stage:
            self.write("\n")
        if stage == self.stage and done < total and now - self.shown_at < self.interval:
            return
        self.stage, self.shown_at = stage, now
        self.write(
            self.LINES.get(stage, "\r {stage} {done}/{total}").format(
                stage=stage, done=done, total=total
            )
        )

    def end(self) -> None:
        if self.stage:
            self.write("\n")


class Command(BaseCommand):
    help = (
        "Recompute every match synchronously: embed what changed, score all open needs against "
        "all open offers, store the best pairs, close suggestions that no longer hold, and "
        "announce the good matches nobody has been told about yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="rematch every open need and offer (required)"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="do not draw the progress line on stderr"
        )

    def handle(self, *args, **options) -> None:
        if not options["all"]:
            raise CommandError(
                "Nothing to do: use `manage.py match --all` to recompute every match "
                "(single postings are matched by the worker when they are saved).",
                returncode=2,
            )
        progress = ProgressLine(self._progress_writer(options["no_progress"]))
        started = time.perf_counter()
        result = rematch_all(progress)
        progress.end()
        emails = notify_unannounced_matches()
        self.stdout.write(
            f"Matched {result.needs} needs against {result.offers} offers "
            f"({result.pairs_scored} pairs scored) in {time.perf_counter() - started:.1f} s: "
            f"{result.stored} matches stored, {result.closed} closed, "
            f"{result.reopened} reopened; {emails} emails queued about new matches."
        )

    def _progress_writer(self, silent: bool) -> Callable[[str], None]:
        def write(text: str) -> None:
            if not silent:
                self.stderr.write(text, ending="")
                self.stderr.flush()

        return write
