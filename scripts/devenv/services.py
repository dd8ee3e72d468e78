"""Which PostgreSQL and Redis to use: from the environment, on the local ports, or embedded."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Mapping
from urllib.parse import urlsplit

from devenv.common import DB_NAME, LOCAL, ServiceError, lazy_import, say
from devenv.embedded import start_embedded_postgres, start_embedded_redis
from devenv.probes import tcp_answers
from devenv.urls import env_port, pg_params, redact, redis_url_for_tests

START_HINTS = {
    "PostgreSQL": (
        "sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
        "   (or: sudo systemctl start postgresql)"
    ),
    "Redis": "redis-server --daemonize yes   (or: sudo systemctl start redis-server)",
}


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


def ensure_database(url: str, *, create: bool, explicit: bool = True) -> None:
    """Check the server answers (3 s timeout); with create=True, create the database if missing."""
    psycopg, sql = lazy_import("psycopg"), lazy_import("psycopg.sql")
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
