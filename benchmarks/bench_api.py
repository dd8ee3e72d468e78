"""How fast the REST API answers: `.venv/bin/python benchmarks/bench_api.py` (or `make bench-api`).

Creates a scratch database (migrated, filled with public needs; dropped afterwards, the main
database is never used), serves the real app from it with gunicorn on a free loopback port,
and measures with concurrent keep-alive clients, at 1 and at 10 clients:

- the needs list, 50 rows: GET /api/v1/needs/?page_size=50 (anonymous: the first page of a
  full sync);
- a bare view over the same 50 rows with values() + JsonResponse, served by the same
  gunicorn (benchmarks/views.py, mounted by benchmarks/urls.py): the yardstick;
- an empty incremental call: GET /api/v1/needs/?since=<the cursor at the end>, anonymous and
  with a token.

Prints requests/s, median and p95 latency side by side, and whether the targets are met
(needs list within 2x of the bare view's throughput and p95 under 50 ms at 10 clients; the
empty incremental call under 5 ms median), and the SQL queries each request makes. On a
shared machine, --rounds N repeats the whole set and keeps each scenario's fastest round
(other processes only ever slow a run down). --profile N adds a cProfile of N list requests.

A script rather than a management command: the bare view and its URLs must never be part of
the app, so the benchmark runs under settings of its own (benchmarks.settings), for gunicorn
and for itself, which a command of an installed app could not choose. PostgreSQL and Redis
come from DATABASE_URL and REDIS_URL as for the app (`eval "$(make -s env)"` sets them).
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Rate limits are checked on every request (a Redis round trip, as in production) but never
# reached: a one-second window keeps the list of timestamps the limiter reads and writes
# about as long as production's 600 a minute would.
RATE = "1000000/second"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=int, default=1000, help="public needs (default 1000)")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=[1, 10], help="concurrency levels (1 10)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (4)")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured per run (5)")
    parser.add_argument("--warm-up", type=float, default=1.0, help="not measured (1)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat everything, keep each best (1)"
    )
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="cProfile N list requests"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))  # run as a script: the project's packages importable
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ.setdefault("API_RATE_PER_IP", RATE)
    os.environ.setdefault("API_RATE_PER_TOKEN", RATE)
    import django

    django.setup()
    from benchmarks.measure import report, run_benchmark

    clients = tuple(args.clients)
    run = run_benchmark(
        needs=args.needs,
        clients=clients,
        workers=args.workers,
        threads=args.threads,
        warm_up=args.warm_up,
        seconds=args.seconds,
        rounds=args.rounds,
        profile=args.profile,
        progress=lambda text: print(f"... {text}", file=sys.stderr, flush=True),
    )
    print("\n".join(report(run, clients)))
    if run.profile:
        print("\n" + run.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
