"""Concurrent HTTP clients for the API benchmark, standard library only: each client is a
process of its own (no GIL shared between clients) with one keep-alive connection, asking for
the same URL again and again, as fast as the answers come.

All clients start together, warm up (connections, the workers' caches), then record for a
fixed time; a request counts when it starts and ends inside the recording window."""

import http.client
import multiprocessing
import statistics
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    path: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Figures:
    clients: int
    seconds: float
    latencies: list[float]  # seconds, of the requests in the window
    errors: int  # answers other than 200, and failed requests

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def p95_ms(self) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[94] * 1000


def _client(target: Target, warm_up: float, seconds: float, ready, results) -> None:
    connection = http.client.HTTPConnection(target.host, target.port, timeout=30)
    headers = dict(target.headers)
    latencies: list[float] = []
    errors = 0
    ready.wait()  # every client connected and waiting: go
    start = time.monotonic() + warm_up
    end = start + seconds
    while True:
        began = time.monotonic()
        if began >= end:
            break
        try:
            connection.request("GET", target.path, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            connection.close()  # http.client reconnects on the next request
            ok = False
        finished = time.monotonic()
        if began >= start and finished <= end:
            if ok:
                latencies.append(finished - began)
            else:
                errors += 1
    connection.close()
    results.put((latencies, errors))


def run(target: Target, clients: int, warm_up: float, seconds: float) -> Figures:
    """`clients` processes asking for `target` for `warm_up` + `seconds` seconds."""
    context = multiprocessing.get_context("fork")  # the children need nothing of Django's
    ready = context.Barrier(clients + 1)
    results = context.Queue()
    processes = [
        context.Process(target=_client, args=(target, warm_up, seconds, ready, results))
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    ready.wait()
    collected = [results.get(timeout=warm_up + seconds + 60) for _ in processes]
    for process in processes:
        process.join()
    return Figures(
        clients=clients,
        seconds=seconds,
        latencies=[latency for latencies, _e in collected for latency in latencies],
        errors=sum(errors for _l, errors in collected),
    )
