"""From an agreed or delivered match, "record as cooperation" adds an activity to the two
cities' partnership, linked to the match, or proposes a partnership if they have none."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from matching import services as matching
from matching.models import Match
from partnerships.models import Activity, Partnership
from partnerships.services import activity_from_match
from tests.factories import PartnershipFactory, match_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(match, official, giver) -> Match:
    """Kamianets-Podilskyi's need of hospital beds and Lublin's offer, agreed on 20 beds."""
    match.need.quantity, match.need.unit = Decimal(20), "beds"
    match.need.title_en, match.need.title_uk = "Hospital beds", "Лікарняні ліжка"
    match.need.save()
    matching.match_contact(user=giver, match=match)
    matching.match_agree(user=giver, match=match, quantity=Decimal(20))
    return matching.match_accept(user=official, match=match)


def _record(client, match: Match, **data):
    return client.post(f"/en/partnerships/from-match/{match.pk}/", data)


def test_without_a_partnership_recording_proposes_one_with_the_activity(
    manager_client, manager, agreed, municipality, offering
):
    page = manager_client.get(f"/en/partnerships/from-match/{agreed.pk}/").content.decode()
    assert "have no partnership yet" in page
    response = _record(manager_client, agreed, kind="solidarity")
    partnership = Partnership.objects.get()
    assert response["Location"] == f"/en/partnerships/{partnership.uuid}/#timeline"
    assert (partnership.status, partnership.kind) == ("proposed", "solidarity")
    assert set(partnership.municipalities.all()) == {municipality, offering}
    assert partnership.proposed_by == manager
    activity = partnership.activities.get()
    assert list(activity.matches.all()) == [agreed]
    assert activity.status == Activity.Status.RUNNING
    assert activity.started_on == timezone.localdate(agreed.agreed_at)
    assert (activity.title_en, activity.title_uk) == ("Hospital beds", "Лікарняні ліжка")
    assert activity.sector == agreed.need.sector


def test_with_a_partnership_the_activity_is_added_to_it(
    giver, agreed, official, municipality, offering
):
    partnership = PartnershipFactory(members=[municipality, offering], started_on=date(2020, 1, 1))
    matching.match_deliver(user=official, match=agreed)
    manager_of_lublin = giver
    activity = activity_from_match(user=manager_of_lublin, match=agreed)
    assert activity.partnership == partnership
    assert activity.status == Activity.Status.COMPLETED
    assert activity.ended_on == timezone.localdate()
    assert Partnership.objects.count() == 1


def test_the_oldest_active_partnership_of_the_two_takes_it(manager, agreed, municipality, offering):
    PartnershipFactory(members=[municipality, offering], status="suspended")
    newer = PartnershipFactory(members=[municipality, offering], started_on=date(2022, 1, 1))
    older = PartnershipFactory(members=[municipality, offering], started_on=date(1999, 1, 1))
    PartnershipFactory(members=[municipality, offering], status="ended", ended_on=date(2024, 1, 1))
    assert activity_from_match(user=manager, match=agreed).partnership == older
    assert newer.activities.count() == 0


def test_a_match_is_recorded_once(manager, agreed):
    activity_from_match(user=manager, match=agreed)
    with pytest.raises(ValidationError, match="recorded as cooperation already"):
        activity_from_match(user=manager, match=agreed)


def test_the_page_of_a_recorded_match_leads_to_its_partnership(manager_client, manager, agreed):
    activity = activity_from_match(user=manager, match=agreed)
    response = manager_client.get(f"/en/partnerships/from-match/{agreed.pk}/")
    assert response["Location"] == f"{activity.partnership.get_absolute_url()}#timeline"
    page = manager_client.get(match_url(agreed)).content.decode()
    assert "Recorded as cooperation in" in page
    assert f'href="{activity.partnership.get_absolute_url()}#timeline"' in page


def test_only_an_agreed_or_delivered_match_can_be_recorded(manager, match):
    with pytest.raises(ValidationError, match="Only an agreed or delivered match"):
        activity_from_match(user=manager, match=match)


def test_only_a_manager_of_either_city_records_it(official, outsider, staff, agreed):
    for someone in (official, outsider, staff):
        with pytest.raises(PermissionDenied):
            activity_from_match(user=someone, match=agreed)
    assert not Activity.objects.exists()


def test_the_match_page_offers_it_to_managers_once_agreed(
    manager_client, official_client, match, agreed
):
    button = "Record as cooperation"
    assert button in manager_client.get(match_url(agreed)).content.decode()
    assert button not in official_client.get(match_url(agreed)).content.decode()
    Match.objects.filter(pk=agreed.pk).update(status=Match.Status.CONTACTED)
    assert button not in manager_client.get(match_url(agreed)).content.decode()


def test_someone_who_may_not_read_the_match_gets_a_404(outsider_client, agreed):
    assert outsider_client.get(f"/en/partnerships/from-match/{agreed.pk}/").status_code == 404
    assert _record(outsider_client, agreed, kind="twinning").status_code == 404
