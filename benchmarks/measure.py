"""The API benchmark itself (benchmarks/bench_api.py runs it): a scratch database with public
needs, the real app served by gunicorn on loopback, and the scenarios measured at 1 and 10
concurrent clients. Imported once Django is set up with benchmarks.settings."""

import cProfile
import http.client
import io
import json
import os
import pstats
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from allauth.account.models import EmailAddress
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.services import api_token_create
from benchmarks import load
from matching_lab.bench.synthetic import Generator, insert
from matching_lab.scratch_database import scratch_database
from needs.models import Need

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
LIST = "/api/v1/needs/?page_size=50"
BARE = "/bench/bare-needs/"
EMPTY = "/bench/bare-empty/"
FEED = "/api/v1/needs/"
STARTUP_SECONDS = 60


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Run:
    database: str = ""
    needs: int = 0
    workers: int = 0
    threads: int = 0
    rounds: int = 1
    load_before: float = 0.0  # the machine's load average before measuring
    sizes: dict[str, int] = field(default_factory=dict)  # response bytes per scenario
    queries: dict[str, int] = field(default_factory=dict)  # SQL queries per request
    # The fastest round of each (scenario, clients): others' processes only ever slow a run.
    figures: dict[tuple[str, int], load.Figures] = field(default_factory=dict)
    profile: str = ""


def populate(needs: int) -> str:
    """`needs` public needs of verified municipalities (realistic texts in their languages, no
    embeddings: nothing here matches), and a user with an API token; returns the token."""
    generator = Generator.create(max(10, needs // 20))
    insert(generator, Need, generator.postings(Need, needs), vectors=False)
    user = User.objects.create_user(email="bench@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    _details, token = api_token_create(user=user, name="bench", lifetime=None)
    with connection.cursor() as cursor:
        # Planner statistics, as autovacuum keeps them in a live database: without them the
        # planner takes the fresh tables for empty and joins all the rows before sorting.
        cursor.execute("ANALYZE")
    return token


def database_url(name: str) -> str:
    """The URL of the scratch database, for gunicorn's DATABASE_URL."""
    settings = connection.settings_dict
    auth = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        auth += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "localhost"
    return f"postgres://{auth}@{host}:{settings['PORT'] or 5432}/{name}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port: int, path: str, headers: tuple = ()) -> tuple[int, bytes]:
    client = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        client.request("GET", path, headers=dict(headers))
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


@contextmanager
def gunicorn(
    database: str, workers: int, threads: int, settings: str = "benchmarks.settings"
) -> Iterator[int]:
    """The real app (cities4cities.wsgi) with benchmarks.settings, on a free loopback port;
    stopped (SIGTERM to the master we started, then SIGKILL after 30 s) afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url(database),
    }
    command = [
        *(sys.executable, "-m", "gunicorn", "cities4cities.wsgi:application"),
        *("--bind", f"{HOST}:{port}", "--workers", str(workers), "--threads", str(threads)),
        *("--worker-class", "gthread", "--log-level", "warning"),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (our own command line)
    try:
        _wait_until_up(server, port)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode}")
        try:
            if get(port, BARE)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s")


def cursor_at_the_end(port: int) -> str:
    """Sync in full (200 a page) and return the cursor to continue from: what a client that
    is up to date holds."""
    path = f"{FEED}?page_size=200"
    while True:
        status, body = get(port, path)
        _require(status == 200, f"the full sync answered {status}: {body[:300]!r}")
        page = json.loads(body)
        if not page["more"]:
            return page["cursor"]
        path = f"{FEED}?page_size=200&since={quote(page['cursor'])}"


def check(port: int, scenarios: list[Scenario], run: Run) -> None:
    """Each scenario answers 200 with what it should: the list and the bare view the same 50
    needs, the incremental call nothing."""
    pages = {}
    for scenario in scenarios:
        status, body = get(port, scenario.path, scenario.headers)
        _require(status == 200, f"{scenario.name} answered {status}: {body[:300]!r}")
        run.sizes[scenario.name] = len(body)
        pages[scenario.path] = json.loads(body)["results"]
    listed = [row["id"] for row in pages[LIST]]
    bare = [str(row["uuid"]) for row in pages[BARE]]
    _require(len(listed) == 50, f"the list has {len(listed)} rows, not 50")
    _require(listed == bare, "the list and the bare view show different needs")
    for path, results in pages.items():
        _require("since=" not in path or not results, "the incremental call is not empty")


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise RuntimeError(problem)


def queries_per_request(scenarios: list[Scenario]) -> dict[str, int]:
    """The SQL queries one request of each scenario makes (in this process, Django's test
    client against the same database)."""
    client = Client(HTTP_HOST=HOST)
    counts = {}
    for scenario in scenarios:
        headers = {name.lower(): value for name, value in scenario.headers}
        client.get(scenario.path, headers=headers)  # warm: a token's last use is written once
        with CaptureQueriesContext(connection) as captured:
            client.get(scenario.path, headers=headers)
        counts[scenario.name] = len(captured.captured_queries)
    return counts


def profile_list(requests: int, path: str = LIST) -> str:
    """cProfile of `requests` GETs of the needs list, in this process (Django's test client
    against the same scratch database), for when a target is missed: where does it go?"""
    client = Client(HTTP_HOST=HOST)
    client.get(path)  # warm: imports, caches
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def run_benchmark(
    *,
    needs: int,
    clients: tuple[int, ...],
    workers: int,
    threads: int,
    warm_up: float,
    seconds: float,
    rounds: int,
    profile: int,
    progress,
) -> Run:
    run = Run(needs=needs, workers=workers, threads=threads, rounds=rounds)
    with scratch_database("bench_api") as name:
        run.database = name
        progress(f"scratch database {name}: {needs} public needs")
        token = populate(needs)
        connections.close_all()  # the load clients are forked: they inherit no connection
        with gunicorn(name, workers, threads) as port:
            cursor = cursor_at_the_end(port)
            since = f"{FEED}?since={quote(cursor)}"
            bearer = f"Bearer {token}"
            scenarios = [
                Scenario("needs list, 50 rows", LIST),
                Scenario("bare values() view, 50 rows", BARE),
                Scenario("empty incremental call", since),
                Scenario("  the same, with a token", since, (("Authorization", bearer),)),
                Scenario("bare empty view (the floor)", EMPTY),
            ]
            check(port, scenarios, run)
            run.load_before = os.getloadavg()[0]
            for number in range(1, rounds + 1):
                for count in clients:
                    for scenario in scenarios:
                        progress(f"round {number}: {scenario.name.strip()}, {count} client(s)")
                        target = load.Target(HOST, port, scenario.path, scenario.headers)
                        figures = load.run(target, count, warm_up, seconds)
                        best = run.figures.get((scenario.name, count))
                        if best is None or figures.requests_per_second > best.requests_per_second:
                            run.figures[scenario.name, count] = figures
        run.queries = queries_per_request(scenarios)
        if profile:
            progress(f"profiling {profile} requests of the needs list in-process")
            run.profile = profile_list(profile)
    return run


def report(run: Run, clients: tuple[int, ...]) -> list[str]:
    names = list(dict.fromkeys(name for name, _c in run.figures))
    head = f"{'':32}" + "".join(f"| {f'{n} client(s)':^28}" for n in clients) + "|"
    sub = (
        f"{'scenario':32}"
        + "".join(f"| {'req/s':>8} {'median':>8} {'p95':>8} " for _ in clients)
        + "| queries"
    )
    best = f", best of {run.rounds} rounds" if run.rounds > 1 else ""
    lines = [
        f"{run.needs} public needs; gunicorn --workers {run.workers} --threads {run.threads} "
        f"(gthread); the clients on the same {os.cpu_count()} CPUs{best}; "
        f"load average {run.load_before:.1f} before",
        "",
        head,
        sub,
        "-" * len(sub),
    ]
    for name in names:
        row = f"{name:32}"
        errors = 0
        for count in clients:
            figures = run.figures[name, count]
            row += (
                f"| {figures.requests_per_second:8.0f} {figures.median_ms:6.1f}ms "
                f"{figures.p95_ms:6.1f}ms "
            )
            errors += figures.errors
        row += f"| {run.queries.get(name, 0):7}"
        if errors:
            row += f"  ({errors} failed)"
        lines.append(row)
    lines.append("")
    lines.append(
        "response sizes: "
        + ", ".join(f"{name.strip()} {size:,} bytes" for name, size in run.sizes.items())
    )
    lines.extend(["", *targets(run, clients)])
    return lines


def targets(run: Run, clients: tuple[int, ...]) -> list[str]:
    most = max(clients)
    api = run.figures["needs list, 50 rows", most]
    bare = run.figures["bare values() view, 50 rows", most]
    ratio = bare.requests_per_second / api.requests_per_second
    empty = run.figures["empty incremental call", min(clients)]
    empty_most = run.figures["empty incremental call", most]

    def verdict(met: bool) -> str:
        return "met" if met else "MISSED"

    return [
        f"target: needs list within 2x of the bare view's throughput at {most} clients: "
        f"{api.requests_per_second:.0f} vs {bare.requests_per_second:.0f} req/s, "
        f"{ratio:.2f}x: {verdict(ratio <= 2)}",
        f"target: needs list p95 under 50 ms at {most} clients: {api.p95_ms:.1f} ms: "
        f"{verdict(api.p95_ms < 50)}",
        f"target: empty incremental call under 5 ms median: {empty.median_ms:.1f} ms at "
        f"{min(clients)} client, {empty_most.median_ms:.1f} ms at {most}: "
        f"{verdict(empty.median_ms < 5)}",
    ]
