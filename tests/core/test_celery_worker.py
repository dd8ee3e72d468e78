"""A real Celery worker, a real Redis: publish → task after commit → email sent by the worker."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cities4cities.celery import app as celery_app
from core.models import OutgoingEmail
from municipalities import services
from municipalities.models import Membership
from tests.factories import MembershipFactory, MunicipalityFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _test_database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    if str(db["HOST"]).startswith("/"):
        return f"postgres://{credentials}@/{db['NAME']}?host={db['HOST']}"
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path: Path):
    """A worker process on the test database and Redis, writing emails to files."""
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


def _wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def test_a_verification_email_goes_through_redis_and_a_real_worker(worker: Path):
    municipality = MunicipalityFactory(status="pending", name_en="Kropyvnytskyi")
    MembershipFactory(
        municipality=municipality, role=Membership.Role.MANAGER, user__email="iryna@kr.example"
    )
    services.municipality_verify(admin=StaffFactory(), municipality=municipality)

    email = OutgoingEmail.objects.get(to="iryna@kr.example")
    assert _wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == "sent"), (
        OutgoingEmail.objects.get(pk=email.pk).__dict__
    )
    files = list(worker.iterdir())
    assert len(files) == 1
    assert "Kropyvnytskyi" in files[0].read_text()


def test_health_reports_the_running_worker(worker: Path, client):
    assert _wait_for(lambda: client.get("/health/").json()["worker"] == "ok", timeout=30)
