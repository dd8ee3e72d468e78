"""A partnership's page: members, kind, since when; the timeline of activities, events,
delivered matches and status changes in date order; figures; a map with the members and the
guests of its events; a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from matching.models import Match
from partnerships.models import PartnershipStatusChange
from postings.models import Sector
from tests.factories import MatchFactory, MunicipalityFactory, PartnershipFactory
from tests.partnerships.factories import ActivityFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bytow():
    return MunicipalityFactory(name_en="Bytów", latitude=54.1706, longitude=17.4918)


@pytest.fixture
def frankenberg():
    return MunicipalityFactory(name_en="Frankenberg (Eder)", latitude=51.0589, longitude=8.7967)


@pytest.fixture
def partnership(bytow, frankenberg):
    return PartnershipFactory(members=[bytow, frankenberg], started_on=date(2006, 1, 1))


def _delivered(partnership, need_town, offer_town, quantity: int, unit: str, sector: str, day):
    sector = Sector.objects.get(slug=sector)
    return MatchFactory(
        need__municipality=need_town,
        need__title_en=f"{quantity} {unit}",
        need__unit=unit,
        need__quantity=quantity,
        need__sector=sector,
        need__topic=None,
        offer__municipality=offer_town,
        status=Match.Status.DELIVERED,
        delivered_quantity=Decimal(quantity),
        delivered_at=timezone.make_aware(timezone.datetime(*day)),
    )


def test_the_timeline_tells_the_history_in_date_order(client, partnership, bytow, frankenberg):
    PartnershipStatusChange.objects.filter(partnership=partnership).delete()
    partnership.status_changes.create(
        status="active",
        municipality=bytow,
        changed_at=timezone.make_aware(timezone.datetime(2006, 5, 1)),
    )
    ActivityFactory(
        partnership=partnership, title_en="School exchange", started_on=date(2008, 4, 1)
    )
    EventFactory(
        partnership=partnership,
        topic_en="Meeting on integrating refugees",
        held_on=date(2023, 6, 16),
        participants=[bytow, frankenberg, MunicipalityFactory(name_en="Markaryd")],
    )
    _delivered(partnership, bytow, frankenberg, 5, "generators", "energy", (2022, 11, 2))
    page = client.get(partnership.get_absolute_url()).content.decode()
    timeline = page[page.index('id="timeline"') :]
    order = [
        "Status: Active",
        "Activity: School exchange",
        "Delivered: <a",
        "Meeting: Meeting on integrating refugees",
    ]
    assert [timeline.index(line) for line in order] == sorted(
        timeline.index(line) for line in order
    )
    assert '<time datetime="2023-06-16">' in timeline
    assert "from Frankenberg (Eder) to Bytów" in timeline
    assert "Taking part: Bytów, Frankenberg (Eder), Markaryd" in timeline


def test_the_figures(client, partnership, bytow, frankenberg):
    ActivityFactory.create_batch(2, partnership=partnership, status="completed")
    ActivityFactory(partnership=partnership, status="planned")
    _delivered(partnership, bytow, frankenberg, 5, "generators", "energy", (2022, 11, 2))
    _delivered(partnership, frankenberg, bytow, 3, "generators", "energy", (2023, 1, 5))
    _delivered(partnership, bytow, frankenberg, 20, "beds", "health", (2023, 2, 1))
    _delivered(partnership, bytow, MunicipalityFactory(), 99, "beds", "health", (2023, 2, 1))
    response = client.get(partnership.get_absolute_url())
    figures = response.context["figures"]
    assert figures.activities_by_status == [("Planned", 1), ("Running", 0), ("Completed", 2)]
    assert figures.deliveries == 3, "the delivery to a non-member is not the partnership's"
    assert figures.quantities == [
        ("Energy and heating", "generators", Decimal(8)),
        ("Health and medical care", "beds", Decimal(20)),
    ]
    assert "3 matches delivered" in response.content.decode()


def test_the_map_shows_the_members_and_the_guests_of_its_events(client, partnership, bytow):
    markaryd = MunicipalityFactory(name_en="Markaryd", latitude=56.4607, longitude=13.596)
    EventFactory(partnership=partnership, participants=[bytow, markaryd])
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert page.count('class="place member"') == 2
    assert '<circle class="place guest" data-name="Markaryd"' in page
    assert page.count('class="tie"') == 1
    assert "Guests at its events" in page


def test_the_page_takes_a_constant_number_of_queries(
    client, manager_client, partnership, bytow, frankenberg, municipality, page_queries
):
    partnership.members.create(municipality=municipality)
    url = partnership.get_absolute_url()

    def add_history(number: int) -> None:
        ActivityFactory(partnership=partnership, sector=Sector.objects.first())
        EventFactory(partnership=partnership, participants=[bytow, MunicipalityFactory()])
        _delivered(partnership, bytow, frankenberg, number + 1, "beds", "health", (2023, 2, 1))
        partnership.status_changes.create(status="active")

    add_history(0)
    few = {reader: page_queries(reader, url, at_most=16) for reader in (client, manager_client)}
    for number in range(5):
        add_history(number)
        partnership.members.create(municipality=MunicipalityFactory())
    for reader, count in few.items():
        page_queries(reader, url, at_most=count)
