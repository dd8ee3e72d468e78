"""Telling the matching worker that a posting changed.

The matching app sits above this one, so its task is looked up by name in Celery's registry
rather than imported; the flag is set in the caller's transaction and the task is enqueued
after commit. If the task is lost (Redis down, worker killed), the flag stays set and the
periodic sweep in matching/ picks the posting up.
"""

from celery import current_app

from postings.models import Posting

MATCH_TASK = "matching.tasks.match_posting"


def mark_for_matching(posting: Posting) -> None:
    type(posting).objects.filter(pk=posting.pk).update(match_pending=True)
    posting.match_pending = True
    task = current_app.tasks.get(MATCH_TASK)
    if task is not None:
        task.delay_on_commit(posting._meta.label_lower, posting.pk)
