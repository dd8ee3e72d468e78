"""A worker killed while sending: every email ends delivered or "delivery unknown", none is
sent twice, and what the dead worker had not sent goes out through the sweep.

The SMTP server here answers the end of each message only after a pause, as a slow real one
does: the worker is killed the moment the server has accepted a message and before the worker
has heard so, the case that used to be recorded as failed (and so re-sent by an admin)."""

import math
import os
import signal
import socketserver
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest

from core import outbox
from core.emails import queue_email
from core.models import OutgoingEmail
from core.tasks import sweep_outbox
from tests.celery_worker import start_worker, stop_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

EMAILS = 12
KILL_AT = 4  # the worker dies while the server holds back its answer to this message
ANSWER_AFTER = 0.5  # seconds the server takes to acknowledge a message
SLACK = timedelta(seconds=15)  # the second worker's start, the sending itself


class SlowSMTPServer(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend; records each message's subject on acceptance."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, on_accept) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.subjects: list[str] = []
        self.on_accept = on_accept


class _Session(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self._say("220 slow.example ESMTP")
        while line := self.rfile.readline().decode("utf-8", "replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb == "DATA":
                self._say("354 go on")
                self._accept(self._read_message())
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")

    def _read_message(self) -> list[str]:
        lines = []
        while (line := self.rfile.readline().decode("utf-8", "replace").rstrip("\r\n")) != ".":
            lines.append(line)
        return lines

    def _accept(self, lines: list[str]) -> None:
        subject = next(line for line in lines if line.startswith("Subject:"))
        self.server.subjects.append(subject.removeprefix("Subject: "))
        self.server.on_accept(len(self.server.subjects))
        time.sleep(ANSWER_AFTER)
        self._say("250 queued")


@pytest.fixture
def timings(monkeypatch) -> timedelta:
    """The outbox's waiting times, shortened for the suite; KILL_TEST_REAL_TIMINGS=1 keeps the
    real ones (a run of some minutes) and sweeps only as often as beat does. Returns the
    longest the recovery of what was not sent may take: a lost email is due again after
    LOST_AFTER, and the next sweep hands it to a worker."""
    if not os.environ.get("KILL_TEST_REAL_TIMINGS"):
        monkeypatch.setattr(outbox, "LOST_AFTER", timedelta(seconds=2))
        monkeypatch.setattr(outbox, "STUCK_AFTER", timedelta(seconds=2))
        monkeypatch.setattr(outbox, "SWEEP_EVERY", timedelta(seconds=0))
    return outbox.LOST_AFTER + outbox.SWEEP_EVERY + SLACK


def test_every_email_ends_sent_or_unknown_and_none_twice(timings):
    workers = []

    def kill_the_worker_at_the_chosen_message(count: int) -> None:
        if count == KILL_AT:
            workers[0].send_signal(signal.SIGKILL)

    server = SlowSMTPServer(kill_the_worker_at_the_chosen_message)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    email_url = f"smtp://127.0.0.1:{server.server_address[1]}"
    try:
        workers.append(start_worker(email_url, "first"))
        for number in range(EMAILS):
            queue_email(
                to=f"official{number}@town.example",
                language="en",
                template="join_request_declined",
                context={"join_request": {"municipality": {"name": f"Town {number}"}}},
            )
        assert wait_for(lambda: workers[0].poll() is not None, timeout=60), "not killed"
        killed_at = time.monotonic()
        workers.append(start_worker(email_url, "second"))

        swept_at = [-math.inf]

        def sweep_as_beat_does() -> None:
            if time.monotonic() - swept_at[0] >= outbox.SWEEP_EVERY.total_seconds():
                sweep_outbox()
                swept_at[0] = time.monotonic()

        def all_but_the_accepted_one_sent() -> bool:
            sweep_as_beat_does()
            sent = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count()
            return sent == EMAILS - 1

        def settled() -> bool:
            sweep_as_beat_does()
            pending = (OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.SENDING)
            return not OutgoingEmail.objects.filter(status__in=pending).exists()

        assert wait_for(all_but_the_accepted_one_sent, timeout=timings.total_seconds())
        recovered_in = time.monotonic() - killed_at
        stuck = outbox.STUCK_AFTER + outbox.SWEEP_EVERY + SLACK
        assert wait_for(settled, timeout=stuck.total_seconds())
        settled_in = time.monotonic() - killed_at
    finally:
        for worker in workers:
            if worker.poll() is None:
                print(stop_worker(worker))
        server.shutdown()

    statuses = Counter(OutgoingEmail.objects.values_list("status", flat=True))
    received = Counter(server.subjects)
    print(
        f"{EMAILS} emails: {statuses[OutgoingEmail.Status.SENT]} sent,"
        f" {statuses[OutgoingEmail.Status.UNKNOWN]} delivery unknown,"
        f" {sum(count - 1 for count in received.values())} received twice;"
        f" the rest sent {recovered_in:.1f} s after the kill (at most"
        f" {timings.total_seconds():.0f} s), the accepted one marked {settled_in:.1f} s after it"
    )
    assert statuses[OutgoingEmail.Status.UNKNOWN] == 1  # the one the server had accepted
    assert statuses[OutgoingEmail.Status.SENT] == EMAILS - 1
    assert len(received) == EMAILS, "every email reached the server"
    assert max(received.values()) == 1, "none twice"
