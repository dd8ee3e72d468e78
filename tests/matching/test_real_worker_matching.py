"""A real Celery worker, a real Redis: publish a need → matching task after commit → Match row →
new-match email sent by the worker."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools

from cities4cities.celery import app as celery_app
from core.models import OutgoingEmail
from matching.engine.pipeline import ensure_embeddings
from matching.models import Match
from municipalities.models import Membership
from needs.models import Need
from postings.models import HelpKind, Sector, Topic
from postings.services import lifecycle
from tests.factories import MembershipFactory, OfferFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEED_TITLE = "Hospital beds for the regional hospital"


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
         "-n", f"test-matching-{os.getpid()}@%h"],
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


def _wait_for(condition, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def _taxonomy() -> dict:
    return {
        "sector": Sector.objects.get(slug="health"),
        "topic": Topic.objects.get(slug="medical-equipment"),
        "help_kind": HelpKind.objects.get(slug="goods"),
    }


@pytest.fixture
def published_offer(other_municipality):
    """Published and embedded before the need arrives, as the worker would have left it."""
    contact = MembershipFactory(
        municipality=other_municipality,
        role=Membership.Role.OFFICIAL,
        user__email="jonas@esslingen.example",
    ).user
    offer = OfferFactory(
        municipality=other_municipality,
        contact=contact,
        title_en="Hospital beds to give",
        description_en="Twenty hospital beds with mattresses from a clinic that is moving.",
        **_taxonomy(),
    )
    ensure_embeddings([offer])
    return offer


def _sent_files(mail_dir: Path) -> list[str]:
    return [path.read_text() for path in mail_dir.iterdir()] if mail_dir.exists() else []


def test_publishing_a_need_is_matched_and_emailed_by_a_real_worker(
    worker: Path, published_offer, municipality, manager
):
    need = lifecycle.posting_create(
        user=manager,
        model=Need,
        municipality=municipality,
        publish=True,
        original_language="en",
        title_en=NEED_TITLE,
        description_en="Twenty hospital beds with mattresses for the regional hospital.",
        quantity=20,
        unit="beds",
        **_taxonomy(),
    )

    assert _wait_for(lambda: Match.objects.filter(need=need, offer=published_offer).exists())
    match = Match.objects.get(need=need, offer=published_offer)
    assert not Need.objects.get(pk=need.pk).match_pending

    # Both contacts: the manager who posted the need, and the offer's contact.
    assert _wait_for(
        lambda: OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == 2
    ), list(OutgoingEmail.objects.values("to", "status", "last_error"))
    match.refresh_from_db()
    assert match.notified_at is not None
    assert set(OutgoingEmail.objects.values_list("key", flat=True)) == {
        f"match:{match.pk}:{manager.pk}",
        f"match:{match.pk}:{published_offer.contact_id}",
    }
    files = _sent_files(worker)
    assert any(NEED_TITLE in text and "jonas@esslingen.example" in text for text in files)
    assert any(f"/matches/{match.pk}/" in text for text in files)
