"""Mail and the periodic sweeps have a queue of their own, so that a burst of matching tasks
never delays an email; every worker the project starts consumes both queues."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from cities4cities.celery import app as celery_app

ROOT = Path(settings.BASE_DIR)


def _queue(task: str) -> str:
    route = celery_app.amqp.router.route({}, task)
    return route["queue"].name


@pytest.mark.parametrize(
    "task",
    [
        "core.tasks.send_outgoing_email",
        "core.tasks.sweep_outbox",
        "matching.tasks.sweep_pending_matching",
        "matching.tasks.send_match_digests",
        "postings.tasks.remind_stale_postings",
        "postings.tasks.send_moderation_digest",
    ],
)
def test_mail_and_sweeps_go_to_the_mail_queue(task):
    assert _queue(task) == "mail"


def test_matching_goes_to_the_default_queue():
    assert _queue("matching.tasks.match_posting") == "celery"


def test_the_worker_of_make_run_and_of_compose_consumes_both_queues():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["worker"]["command"][-2:] == ["-Q", "celery,mail"]
    assert '"-Q", "celery,mail"' in (ROOT / "scripts" / "devenv" / "cli.py").read_text()


def test_no_broker_message_outlives_the_visibility_timeout():
    """A killed worker's task comes back after the visibility timeout, which must exceed the
    longest task; retries wait in the database, not in long countdowns."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_TIME_LIMIT < visibility <= 600
    for task in celery_app.tasks.values():
        assert (getattr(task, "retry_backoff_max", 0) or 0) < visibility, task.name
