"""Database and Redis URLs: building, redacting and reading them, and port settings."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from devenv.common import DB_NAME, ServiceError

TEST_REDIS_DB = 15
# Query parameters of a database URL that libpq understands; dj-database-url's own are dropped.
LIBPQ_QUERY_KEYS = ("host", "port", "sslmode", "sslrootcert", "sslcert", "sslkey", "options")


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
    """The same Redis server, database `db`: where the tests start looking for free databases
    (one per test process, see tests/isolation.py), so never the app's own."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "db"]
    if parts.scheme == "unix":
        # not urlunsplit: it turns unix:///path into unix:/path
        return f"unix://{parts.netloc}{parts.path}?{urlencode([*query, ('db', str(db))])}"
    if parts.scheme not in ("redis", "rediss"):
        raise ServiceError(f"REDIS_URL must be a redis://, rediss:// or unix:// URL: {redact(url)}")
    return urlunsplit(parts._replace(path=f"/{db}", query=urlencode(query)))


def env_port(environ: Mapping[str, str], key: str, default: int) -> int:
    value = environ.get(key) or str(default)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ServiceError(f"{key} must be a TCP port number, got {value!r}")
    return int(value)
