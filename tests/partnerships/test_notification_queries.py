"""Emails about an untitled partnership name it after its members, loaded once for all
recipients, not once each: a recipient costs as many queries as for a titled one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities.models import Membership
from partnerships.models import Partnership
from partnerships.services.notifications import notify_managers
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _cost_of_three_more_managers(partnership_pk: int, municipality, event: str) -> int:
    def queries() -> int:
        partnership = Partnership.objects.get(pk=partnership_pk)
        with CaptureQueriesContext(connection) as captured:
            notify_managers(partnership, event, [municipality])
        return len(captured.captured_queries)

    MembershipFactory(municipality=municipality, role=Membership.Role.MANAGER)
    one = queries()
    MembershipFactory.create_batch(3, municipality=municipality, role=Membership.Role.MANAGER)
    return queries() - one


def test_an_untitled_partnership_costs_no_more_per_recipient(
    twinning, municipality, other_municipality
):
    assert not twinning.text("title")
    untitled = _cost_of_three_more_managers(twinning.pk, municipality, "proposed")
    Partnership.objects.filter(pk=twinning.pk).update(title_en="Twinning", original_language="en")
    titled = _cost_of_three_more_managers(twinning.pk, other_municipality, "proposed")

    assert untitled == titled
