"""The Celery app. Tasks are enqueued after commit: `task.delay_on_commit(pk)` (core.task_base)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cities4cities.settings")

app = Celery("cities4cities", task_cls="core.task_base:AfterCommitTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Current in every thread, not just the importing one: threaded servers (runserver, the test
# live server) look tasks up by name through celery.current_app.
app.set_default()
