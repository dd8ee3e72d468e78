"""A real Celery worker process against the test database and the real Redis, for the few
end-to-end tests that must not run tasks in-process (loaded by tests/conftest.py)."""

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools

from cities4cities.celery import app as celery_app


def _test_database_url() -> str:
    """The test database as a DATABASE_URL. libpq options, such as the socket directory of
    devenv's embedded server, go in the query string, where dj-database-url finds them again."""
    db = connection.settings_dict
    query, host = dict(db["OPTIONS"]), ""
    credentials = quote(db["USER"], safe="")
    if db["PASSWORD"]:
        credentials += f":{quote(db['PASSWORD'], safe='')}"
    if str(db["HOST"]).startswith("/"):
        query["host"] = db["HOST"]
    elif db["HOST"]:
        host = f"{db['HOST']}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{quote(db['NAME'])}?{urlencode(query)}"


def _die_with_this_process() -> None:
    """In the worker, before exec: SIGTERM when the test process dies, even by SIGKILL, so that
    a killed run leaves no worker behind on its Redis database (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def _fresh_broker_connections() -> None:
    """A test that simulated Redis down (tests/core/test_enqueue_after_commit.py) may have
    closed the pooled connections, and kombu hands a closed pool back for the same URL."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def start_worker(email_url: str, name: str = "main") -> subprocess.Popen:
    """A worker process on the test database and Redis (both queues), sending emails to
    `email_url`. Tests using one need `django_db(transaction=True)`, so that it sees their
    rows."""
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": email_url,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cities4cities", "worker", "-Q", "celery,mail",
         "--pool", "solo", "--without-heartbeat", "--without-mingle", "--without-gossip",
         "-l", "warning", "-n", f"test-{os.getpid()}-{name}@%h"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_die_with_this_process,
    )  # fmt: skip
    celery_app.conf.task_always_eager = False
    _fresh_broker_connections()
    return process


def stop_worker(process: subprocess.Popen) -> str:
    """Stop it as a deployment would (SIGTERM), or kill it if it hangs; its output."""
    process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


@pytest.fixture
def worker(tmp_path: Path):
    """A worker writing emails to files in the directory it yields."""
    mail_dir = tmp_path / "mail"
    process = start_worker(f"file://{mail_dir}")
    try:
        yield mail_dir
    finally:
        print(stop_worker(process))


def wait_for(condition: Callable[[], bool], timeout: float = 90) -> bool:
    """Poll until `condition()` holds; False if it still does not after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False
