"""A delivery on a need closed meanwhile counts without reopening it; an admin's correction is
kept in the history and rematched like an official's edit."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from postings.models import Posting, PostingChange
from postings.services.coverage import posting_adjust_coverage
from postings.services.lifecycle import posting_correct
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def test_a_delivery_on_a_withdrawn_need_counts_but_leaves_it_withdrawn(official):
    need = NeedFactory(status=Posting.Status.WITHDRAWN, quantity=20)
    need = posting_adjust_coverage(posting=need, change=Decimal(20), user=official)
    assert need.quantity_covered == 20
    assert need.status == Posting.Status.WITHDRAWN


def test_an_admin_correction_is_recorded_and_rematched(staff):
    need = NeedFactory(quantity=20)
    type(need).objects.filter(pk=need.pk).update(match_pending=False)
    need = posting_correct(admin=staff, posting=need, quantity=Decimal(30))
    assert need.match_pending
    entry = PostingChange.objects.get(object_id=need.pk, action="edited")
    assert (entry.user, entry.changes) == (staff, {"quantity": ["20.00", "30"]})


def test_only_staff_correct_postings(official):
    with pytest.raises(PermissionDenied):
        posting_correct(admin=official, posting=NeedFactory(), quantity=Decimal(30))
