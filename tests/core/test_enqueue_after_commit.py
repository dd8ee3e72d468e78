"""Tasks are enqueued only after commit, and a broker outage never fails the save."""

import pytest
from django.db import transaction

from cities4cities.celery import app as celery_app
from core.emails import queue_email
from core.models import OutgoingEmail
from tests.celery_worker import _fresh_broker_connections

pytestmark = pytest.mark.django_db(transaction=True)


def _queue() -> OutgoingEmail | None:
    return queue_email(
        to="olena@kam-pod.example",
        language="uk",
        template="join_request_declined",
        context={"join_request": {"municipality": {"name": "Хелм"}}},
    )


def _use_broker(url: str) -> None:
    """Point the app at another broker, dropping the pooled connections to the old one."""
    _fresh_broker_connections()
    celery_app.conf.broker_url = url


def test_a_rolled_back_save_sends_no_task(mailoutbox):
    def fail_after_queueing() -> None:
        with transaction.atomic():
            _queue()
            raise RuntimeError("the request failed")

    with pytest.raises(RuntimeError):
        fail_after_queueing()
    assert not OutgoingEmail.objects.exists()
    assert mailoutbox == []


def test_a_committed_save_runs_the_task(mailoutbox):
    with transaction.atomic():
        email = _queue()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mailoutbox) == 1


def test_with_redis_down_the_save_still_succeeds_and_the_email_waits(settings, caplog):
    celery_app.conf.task_always_eager = False
    _use_broker("redis://127.0.0.1:1/0")
    try:
        with transaction.atomic():
            email = _queue()
    finally:
        _use_broker(settings.CELERY_BROKER_URL)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.QUEUED, "kept for the sweep"
    failures = [r for r in caplog.records if "on_commit" in r.getMessage()]
    assert failures, "the enqueue failed and was logged, not raised"
    assert "Connection" in repr(failures[0].exc_info[1]) or "refused" in str(
        failures[0].exc_info[1]
    )
