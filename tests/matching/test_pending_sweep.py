"""The periodic sweep hands each posting whose matching task was lost to a task of its own, and
a posting marked again while it was being matched stays marked."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.engine import storage
from matching.tasks import sweep_pending_matching
from needs.models import Need
from postings.services.matching_queue import (
    OVERDUE_AFTER,
    claim_overdue_matching,
    mark_for_matching,
)
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def _pending_since(need: Need, age: timedelta) -> None:
    Need.objects.filter(pk=need.pk).update(
        match_pending=True, match_requested_at=timezone.now() - age
    )


def test_the_sweep_has_each_overdue_posting_matched():
    needs = NeedFactory.create_batch(3)
    for need in needs:
        _pending_since(need, OVERDUE_AFTER + timedelta(minutes=1))

    assert sweep_pending_matching() == 3  # the tasks run in the test's process
    assert not Need.objects.filter(pk__in=[need.pk for need in needs], match_pending=True).exists()


def test_a_posting_whose_task_is_not_overdue_yet_is_left_to_it():
    need = NeedFactory()
    _pending_since(need, OVERDUE_AFTER - timedelta(minutes=1))
    assert claim_overdue_matching(Need, limit=10) == []
    assert sweep_pending_matching() == 0


def test_a_posting_handed_to_a_task_is_not_handed_again_by_the_next_sweep():
    need = NeedFactory()
    _pending_since(need, OVERDUE_AFTER + timedelta(minutes=1))
    assert claim_overdue_matching(Need, limit=10) == [need.pk]
    assert claim_overdue_matching(Need, limit=10) == []


def test_a_posting_marked_by_hand_without_a_time_is_overdue():
    need = NeedFactory()
    Need.objects.filter(pk=need.pk).update(match_pending=True, match_requested_at=None)
    assert claim_overdue_matching(Need, limit=10) == [need.pk]


def test_a_posting_marked_again_while_being_matched_stays_marked():
    need = NeedFactory()
    started = timezone.now()
    mark_for_matching(need)  # e.g. an edit committed while the worker was scoring
    storage.matched(Need, [need.pk], started)
    need.refresh_from_db()
    assert need.match_pending
