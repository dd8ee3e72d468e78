"""A real Celery worker process against the test database and the real Redis, for the few
end-to-end tests that must not run tasks in-process (loaded by tests/conftest.py)."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools

from cities4cities.celery import app as celery_app


def _test_database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    if str(db["HOST"]).startswith("/"):
        return f"postgres://{credentials}@/{db['NAME']}?host={db['HOST']}"
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _fresh_broker_connections() -> None:
    """A test that simulated Redis down (tests/core/test_enqueue_after_commit.py) may have
    closed the pooled connections, and kombu hands a closed pool back for the same URL."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def worker(tmp_path: Path):
    """A worker process on the test database and Redis, writing emails to files in the
    directory it yields. Tests using it need `django_db(transaction=True)`, so that the worker
    sees their rows."""
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"file://{mail_dir}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cities4cities", "worker", "--pool", "solo",
         "--without-heartbeat", "--without-mingle", "--without-gossip", "-l", "warning",
         "-n", f"test-{os.getpid()}@%h"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    celery_app.conf.task_always_eager = False
    _fresh_broker_connections()
    try:
        yield mail_dir
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output)


def wait_for(condition: Callable[[], bool], timeout: float = 90) -> bool:
    """Poll until `condition()` holds; False if it still does not after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False
