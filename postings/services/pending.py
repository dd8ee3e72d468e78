"""Work the worker owes a posting (matching it, translating it), as a flag and a timestamp on
the posting: set in the caller's transaction, the task enqueued after commit, cleared by the
worker. If the task is lost (Redis down, worker killed), the flag stays set and a periodic
sweep hands the posting to a new task once it is overdue."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from postings.models import Posting

# A task runs in seconds; one not done after this was lost.
OVERDUE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Pending:
    flag: str  # e.g. match_pending
    stamp: str  # e.g. match_requested_at
    task: str  # the Celery task's name; looked up, not imported (it may live in an app above)

    def mark(self, posting: Posting) -> None:
        """Flag the posting (stamped now) and enqueue its task after commit."""
        now = timezone.now()
        type(posting).objects.filter(pk=posting.pk).update(**{self.flag: True, self.stamp: now})
        setattr(posting, self.flag, True)
        setattr(posting, self.stamp, now)
        task = current_app.tasks.get(self.task)
        if task is not None:
            task.delay_on_commit(posting._meta.label_lower, posting.pk)

    def done(self, model: type[Posting], pks, started: datetime) -> None:
        """The postings are done as they were at `started`: no longer flagged, unless marked
        again since."""
        model.objects.filter(self._not_marked_since(started), pk__in=pks).update(
            **{self.flag: False}
        )

    def retry_later(
        self, model: type[Posting], pk: int, started: datetime, after: timedelta
    ) -> None:
        """Leave the posting flagged, but out of the sweep for `after`: for work that was
        refused rather than lost, which asking again at once would only have refused again.
        Not if it was marked again since `started` (a new task is on its way)."""
        model.objects.filter(self._not_marked_since(started), pk=pk).update(
            **{self.stamp: timezone.now() + after - OVERDUE_AFTER}
        )

    def _not_marked_since(self, started: datetime) -> Q:
        return Q(**{f"{self.stamp}__isnull": True}) | Q(**{f"{self.stamp}__lte": started})

    @transaction.atomic
    def claim_overdue(self, model: type[Posting], limit: int) -> list[int]:
        """Flagged postings whose task is overdue, stamped as requested now: the caller hands
        each to a new task, and the next sweep leaves them to it."""
        now = timezone.now()
        overdue = model.objects.filter(
            Q(**{f"{self.stamp}__isnull": True}) | Q(**{f"{self.stamp}__lt": now - OVERDUE_AFTER}),
            **{self.flag: True},
        )
        pks = list(
            overdue.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        model.objects.filter(pk__in=pks).update(**{self.stamp: now})
        return pks
