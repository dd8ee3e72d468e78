"""Which municipalities count as partners for matching, and since which year."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from partnerships.models import PartnershipMember
from partnerships.selectors import members_of_partnerships_changed_since, partner_years
from tests.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    return MunicipalityFactory.create_batch(4)


def _pair(first, second) -> tuple[int, int]:
    return tuple(sorted((first.pk, second.pk)))


def test_two_partners_are_paired_with_the_year_their_partnership_started(towns):
    PartnershipFactory(members=towns[:2], started_on=date(2023, 9, 15))
    assert partner_years() == {_pair(towns[0], towns[1]): 2023}


def test_a_trilateral_partnership_pairs_every_two_members(towns):
    PartnershipFactory(members=towns[:3], started_on=date(2023, 9, 15))
    assert set(partner_years()) == {
        _pair(towns[0], towns[1]),
        _pair(towns[0], towns[2]),
        _pair(towns[1], towns[2]),
    }


def test_the_earliest_partnership_two_cities_share_gives_the_year(towns):
    PartnershipFactory(members=towns[:2], started_on=date(2022, 6, 1))
    PartnershipFactory(members=towns[:2], started_on=date(1989, 5, 1))
    assert partner_years() == {_pair(towns[0], towns[1]): 1989}


def test_a_member_that_joined_later_counts_from_its_joining(towns):
    network = PartnershipFactory(members=towns[:2], started_on=date(2015, 1, 1), kind="network")
    PartnershipMember.objects.create(
        partnership=network, municipality=towns[2], joined_on=date(2024, 3, 1)
    )
    years = partner_years()
    assert years[_pair(towns[0], towns[1])] == 2015
    assert years[_pair(towns[0], towns[2])] == 2024


def test_ended_and_future_partnerships_and_members_who_left_or_join_later_do_not_count(towns):
    today = timezone.localdate()
    PartnershipFactory(members=towns[:2], started_on=date(2000, 1, 1), ended_on=today)
    PartnershipFactory(members=towns[2:], started_on=today + timedelta(days=30))
    network = PartnershipFactory(members=[towns[0], towns[2]], started_on=date(2010, 1, 1))
    network.members.filter(municipality=towns[2]).update(left_on=today)
    PartnershipMember.objects.create(
        partnership=network, municipality=towns[3], joined_on=today + timedelta(days=1)
    )
    assert partner_years() == {}


def test_the_partners_of_one_municipality_leave_out_the_other_pairs(towns):
    PartnershipFactory(members=towns[:3], started_on=date(2023, 9, 15))
    PartnershipFactory(members=towns[2:], started_on=date(2020, 1, 1))
    assert partner_years(towns[0].pk) == {
        _pair(towns[0], towns[1]): 2023,
        _pair(towns[0], towns[2]): 2023,
    }
    assert partner_years(towns[3].pk) == {_pair(towns[2], towns[3]): 2020}


def test_the_members_whose_partners_change_with_the_date_are_found(towns):
    today = timezone.localdate()
    PartnershipFactory(members=towns[:2], started_on=today)
    joined = PartnershipFactory(members=[towns[2], towns[3]], started_on=date(2010, 1, 1))
    joined.members.filter(municipality=towns[3]).update(joined_on=today - timedelta(days=1))
    PartnershipFactory(started_on=date(2010, 1, 1))  # nothing changes today
    assert members_of_partnerships_changed_since(today) == {towns[0].pk, towns[1].pk}
    assert members_of_partnerships_changed_since(today - timedelta(days=1)) == {
        town.pk for town in towns
    }


@pytest.mark.parametrize("status", ["proposed", "suspended", "declined", "expired", "ended"])
def test_only_an_active_partnership_makes_partners(towns, status):
    PartnershipFactory(members=towns[:2], started_on=date(2023, 9, 15), status=status)
    assert partner_years() == {}


def test_a_confirmed_proposal_makes_partners_from_its_confirmation(towns):
    partnership = PartnershipFactory(members=towns[:2], status="proposed", started_on=None)
    partnership.status, partnership.started_on = "active", timezone.localdate()
    partnership.save()
    assert partner_years() == {_pair(towns[0], towns[1]): timezone.localdate().year}
