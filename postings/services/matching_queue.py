"""Telling the matching worker that a posting changed.

The matching app sits above this one, so its task is looked up by name in Celery's registry
rather than imported; the flag is set in the caller's transaction and the task is enqueued
after commit. If the task is lost (Redis down, worker killed), the flag stays set and the
periodic sweep in matching/ hands the posting to a new task once it is overdue.
"""

from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from postings.models import Posting

MATCH_TASK = "matching.tasks.match_posting"
# A matching task runs in well under a second; one not done after this was lost.
OVERDUE_AFTER = timedelta(minutes=10)


def mark_for_matching(posting: Posting) -> None:
    now = timezone.now()
    type(posting).objects.filter(pk=posting.pk).update(match_pending=True, match_requested_at=now)
    posting.match_pending, posting.match_requested_at = True, now
    task = current_app.tasks.get(MATCH_TASK)
    if task is not None:
        task.delay_on_commit(posting._meta.label_lower, posting.pk)


@transaction.atomic
def claim_overdue_matching(model: type[Posting], limit: int) -> list[int]:
    """Postings marked to be matched whose task is overdue, stamped as requested now: the
    caller hands each to a new task, and the next sweep leaves them to it."""
    now = timezone.now()
    overdue = model.objects.filter(
        Q(match_requested_at__isnull=True) | Q(match_requested_at__lt=now - OVERDUE_AFTER),
        match_pending=True,
    )
    pks = list(
        overdue.select_for_update(skip_locked=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    model.objects.filter(pk__in=pks).update(match_requested_at=now)
    return pks
