"""A member counts from the day it joins until the day it leaves, in the reminders as on the
map and in the permissions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from municipalities.models import Membership
from partnerships.services.reminders import contacts_of
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _manager_of(municipality):
    return MembershipFactory(municipality=municipality, role=Membership.Role.MANAGER).user


def test_the_reminder_asks_members_of_today_only(twinning, municipality, other_municipality):
    today = timezone.localdate()
    leaving_later, joining_later = _manager_of(municipality), _manager_of(other_municipality)
    twinning.members.filter(municipality=municipality).update(left_on=today + timedelta(days=30))
    twinning.members.filter(municipality=other_municipality).update(
        joined_on=today + timedelta(days=30)
    )

    recipients = contacts_of(twinning)

    assert leaving_later in recipients
    assert joining_later not in recipients
