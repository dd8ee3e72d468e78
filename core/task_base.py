"""The base class of every Celery task (set as the app's task_cls)."""

from celery.contrib.django.task import DjangoTask
from django.db import transaction


class AfterCommitTask(DjangoTask):
    """`delay_on_commit` that never fails the request: with Redis down the data is saved, the
    error is logged, and the periodic sweeps pick the work up later."""

    def delay_on_commit(self, *args, **kwargs) -> None:
        # A plain function, not functools.partial: Django's robust on_commit logs the
        # callback's __qualname__, which a partial lacks.
        def enqueue() -> None:
            self.delay(*args, **kwargs)

        transaction.on_commit(enqueue, robust=True)
