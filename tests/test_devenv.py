"""scripts/devenv: the parts that decide which URLs the app and the tests get."""

import contextlib
import importlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "devenv"


def _import_devenv(*modules):
    spec = importlib.util.spec_from_file_location(
        "devenv", PACKAGE / "__init__.py", submodule_search_locations=[str(PACKAGE)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules["devenv"] = package  # its modules import each other as devenv.<module>
    spec.loader.exec_module(package)
    return [importlib.import_module(f"devenv.{name}") for name in modules]


cli, common, embedded, probes, processes, services, urls = _import_devenv(
    "cli", "common", "embedded", "probes", "processes", "services", "urls"
)


@pytest.fixture
def closed_port():
    """A port nothing listens on (held bound, so nothing can start listening there)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def test_socket_url_keeps_the_socket_directory_exactly():
    socket_dir = "/home/Ana María/Projects/Cities4Cities/.local/postgres"
    url = urls.socket_database_url(socket_dir)

    config = dj_database_url.parse(url)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "cities4cities"
    assert config["USER"] == "postgres"
    assert config["HOST"] == ""
    assert config["OPTIONS"] == {"host": socket_dir}
    assert urls.pg_params(url) == {
        "host": socket_dir,
        "user": "postgres",
        "dbname": "cities4cities",
    }


def test_socket_url_names_a_non_default_port():
    url = urls.socket_database_url(Path("/run/pg"), port=5433, dbname="other")

    assert dj_database_url.parse(url)["OPTIONS"] == {"host": "/run/pg", "port": 5433}
    assert urls.pg_params(url)["port"] == "5433"
    assert urls.pg_params(url)["dbname"] == "other"


def test_pg_params_reads_a_tcp_url_with_credentials_and_sslmode():
    url = "postgres://app:p%40ss@db.example.org:6543/cities?sslmode=require&conn_max_age=60"

    assert urls.pg_params(url) == {
        "host": "db.example.org",
        "port": "6543",
        "user": "app",
        "password": "p@ss",
        "dbname": "cities",
        "sslmode": "require",
    }


def test_pg_params_keeps_the_case_of_a_percent_encoded_socket_host():
    url = "postgres://postgres@%2Fvar%2Frun%2FPostgreSQL/cities4cities"

    assert urls.pg_params(url)["host"] == "/var/run/PostgreSQL"


def test_pg_params_reads_an_ipv6_host():
    assert urls.pg_params("postgresql://u@[::1]:5432/d")["host"] == "::1"


def test_pg_params_rejects_a_url_that_is_not_postgres():
    with pytest.raises(common.ServiceError, match="postgres://"):
        urls.pg_params("mysql://root@localhost/cities")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/15"),
        ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/15"),
        (
            "redis://:secret@cache:6380/3?socket_timeout=5",
            "redis://:secret@cache:6380/15?socket_timeout=5",
        ),
        ("rediss://cache.example.org/2", "rediss://cache.example.org/15"),
        ("unix:///run/redis/redis.sock?db=0", "unix:///run/redis/redis.sock?db=15"),
        ("unix:///run/redis/redis.sock", "unix:///run/redis/redis.sock?db=15"),
    ],
)
def test_tests_get_redis_database_15_on_the_same_server(url, expected):
    assert urls.redis_url_for_tests(url) == expected


def test_deriving_the_test_redis_url_refuses_an_unknown_scheme():
    with pytest.raises(common.ServiceError, match="REDIS_URL"):
        urls.redis_url_for_tests("memcached://localhost:11211")


def test_unreachable_message_names_the_service_the_variable_and_how_to_start_it():
    message = services.unreachable_message(
        "PostgreSQL", "DATABASE_URL", "postgres://app:hunter2@db:5432/c", "Connection refused"
    )

    assert "PostgreSQL is not reachable at postgres://app:***@db:5432/c" in message
    assert "from DATABASE_URL" in message
    assert "Connection refused" in message
    assert "pg_ctlcluster" in message
    assert "unset DATABASE_URL" in message
    assert "hunter2" not in message


def test_unreachable_message_for_redis_says_how_to_start_redis():
    message = services.unreachable_message("Redis", "REDIS_URL", "redis://r:6379/0", "refused")

    assert message.startswith("Redis is not reachable at redis://r:6379/0 (from REDIS_URL)")
    assert "redis-server --daemonize yes" in message


def test_a_server_found_on_the_default_port_but_unusable_asks_for_a_url():
    message = services.unreachable_message(
        "PostgreSQL",
        "DATABASE_URL",
        "postgres://postgres@127.0.0.1:5432/c",
        "no pg_hba.conf entry",
        explicit=False,
    )

    assert "found on the default port" in message
    assert "Set DATABASE_URL" in message
    assert "unset" not in message


def test_redact_hides_only_the_password():
    assert urls.redact("redis://:s3cret@cache:6379/0") == "redis://:***@cache:6379/0"
    assert urls.redact("postgres://app:s3cret@db/c?x=1") == "postgres://app:***@db/c?x=1"
    assert urls.redact("postgres://app@db/c") == "postgres://app@db/c"


def test_signal_deaths_count_as_failures():
    assert processes.exit_code(0) == 0
    assert processes.exit_code(3) == 3
    assert processes.exit_code(-9) == 137


def test_probe_ports_must_be_port_numbers():
    assert urls.env_port({}, "DEVENV_PG_PORT", 5432) == 5432
    assert urls.env_port({"DEVENV_PG_PORT": "15432"}, "DEVENV_PG_PORT", 5432) == 15432
    with pytest.raises(common.ServiceError, match="DEVENV_PG_PORT"):
        urls.env_port({"DEVENV_PG_PORT": "postgres"}, "DEVENV_PG_PORT", 5432)


def test_tcp_probe_tells_a_listening_port_from_a_closed_one(closed_port):
    with socket.create_server(("127.0.0.1", 0)) as server:
        assert probes.tcp_answers("127.0.0.1", server.getsockname()[1])
    assert not probes.tcp_answers("127.0.0.1", closed_port)


def test_an_unreachable_redis_url_is_a_service_error_naming_the_variable(closed_port):
    with pytest.raises(common.ServiceError, match=r"Redis is not reachable .* \(from REDIS_URL\)"):
        services.check_redis(f"redis://127.0.0.1:{closed_port}/0")


def test_an_unreachable_database_url_exits_2_with_a_message_and_no_traceback(
    closed_port, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", f"postgres://postgres@127.0.0.1:{closed_port}/cities4cities")

    assert cli.main(["env"]) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "PostgreSQL is not reachable" in captured.err
    assert "DATABASE_URL" in captured.err
    assert "Traceback" not in captured.err


def test_pgserver_handles_of_dead_launchers_are_forgotten(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    handles = tmp_path / ".handle_pids.json"
    handles.write_text(json.dumps([gone.pid, os.getpid()]))

    embedded.forget_dead_handles(handles)

    assert json.loads(handles.read_text()) == [os.getpid()]


def test_embedded_redis_answers_until_the_launcher_closes(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "LOCAL", tmp_path)
    with contextlib.ExitStack() as stack:
        url = embedded.start_embedded_redis(stack, detach=False)
        port = int(url.split(":")[-1].split("/")[0])
        assert url == f"redis://127.0.0.1:{port}/0"
        assert probes.redis_pings("127.0.0.1", port)
    assert not probes.tcp_answers("127.0.0.1", port)
    assert not (tmp_path / "redis" / "dump.rdb").exists()


def test_resolution_uses_what_answers_on_the_probe_ports(monkeypatch):
    monkeypatch.setattr(
        services, "tcp_answers", lambda host, port: (host, port) == ("127.0.0.1", 16379)
    )
    with contextlib.ExitStack() as stack:
        url = services._resolve_redis({"DEVENV_REDIS_PORT": "16379"}, stack, detach=False)
    assert url == "redis://127.0.0.1:16379/0"


def test_the_beat_schedule_directory_exists_on_a_fresh_clone(tmp_path, monkeypatch):
    """Found by `make run` on a fresh clone with PostgreSQL and Redis already running: beat
    crashed on the missing .local/ (only the embedded servers created it)."""
    monkeypatch.setattr(cli, "LOCAL", tmp_path / ".local")
    beat = cli.app_commands(8000)["beat"]
    schedule = Path(beat[beat.index("--schedule") + 1])
    assert schedule.parent.is_dir()
