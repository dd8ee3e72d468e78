"""Admins record partnerships (service and admin); every change rematches the members' open
postings, since partners' matches score higher."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from needs.models import Need
from offers.models import Offer
from partnerships.models import Partnership
from partnerships.services import partnership_delete, partnership_record
from partnerships.tasks import rematch_partnerships_changed_by_date
from tests.factories import MunicipalityFactory, NeedFactory, OfferFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

PARTNERSHIPS = "/en/admin/partnerships/partnership/"


@pytest.fixture
def towns():
    return MunicipalityFactory.create_batch(3)


def _pending(*postings) -> list[bool]:
    return [type(posting).objects.get(pk=posting.pk).match_pending for posting in postings]


def _settled(*postings) -> None:
    for model in (Need, Offer):
        model.objects.filter(pk__in=[p.pk for p in postings]).update(match_pending=False)


def test_a_partnership_needs_two_different_municipalities(towns):
    with pytest.raises(ValidationError, match="at least two"):
        partnership_record(kind="twinning", started_on=date(2020, 1, 1), municipalities=towns[:1])
    with pytest.raises(ValidationError, match="at least two"):
        partnership_record(
            kind="twinning", started_on=date(2020, 1, 1), municipalities=[towns[0], towns[0]]
        )
    assert not Partnership.objects.exists()


def test_recording_a_partnership_rematches_the_members_open_postings(towns):
    need, offer, elsewhere = (
        NeedFactory(municipality=towns[0]),
        OfferFactory(municipality=towns[1]),
        OfferFactory(municipality=towns[2]),
    )
    withdrawn = NeedFactory(municipality=towns[0], status="withdrawn")
    _settled(need, offer, elsewhere, withdrawn)
    partnership = partnership_record(
        kind="solidarity", started_on=date(2022, 6, 1), municipalities=towns[:2]
    )
    assert set(partnership.municipalities.all()) == set(towns[:2])
    assert _pending(need, offer, elsewhere, withdrawn) == [True, True, False, False]


def test_deleting_a_partnership_rematches_its_former_members(towns):
    partnership = PartnershipFactory(members=towns[:2])
    need = NeedFactory(municipality=towns[0])
    _settled(need)
    partnership_delete(partnership=partnership)
    assert _pending(need) == [True]
    assert not Partnership.objects.exists()


def _form(*members, started_on="2023-09-15", ended_on="") -> dict:
    data = {
        "kind": "cooperation",
        "original_language": "en",
        "started_on": started_on,
        "ended_on": ended_on,
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "2",
        "members-MAX_NUM_FORMS": "1000",
    }
    for number, municipality in enumerate(members):
        data[f"members-{number}-municipality"] = municipality.pk
    return data


def test_an_admin_records_a_trilateral_cooperation(staff_client, towns):
    offer = OfferFactory(municipality=towns[2])
    _settled(offer)
    response = staff_client.post(f"{PARTNERSHIPS}add/", _form(*towns))
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert partnership.kind == "cooperation"
    assert set(partnership.municipalities.all()) == set(towns)
    assert _pending(offer) == [True]


@pytest.mark.parametrize(
    ("members", "data", "error"),
    [
        (1, {}, "Please submit at least 2 forms."),
        (2, {"started_on": "2023-09-15", "ended_on": "2020-01-01"}, "cannot end before"),
    ],
)
def test_the_admin_refuses_a_partnership_that_cannot_be(staff_client, towns, members, data, error):
    response = staff_client.post(f"{PARTNERSHIPS}add/", _form(*towns[:members], **data))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Partnership.objects.exists()


def test_the_admin_refuses_the_same_member_twice(staff_client, towns):
    response = staff_client.post(f"{PARTNERSHIPS}add/", _form(towns[0], towns[0]))
    assert response.status_code == 200
    assert "Please correct the duplicate data for municipality" in response.content.decode()
    assert not Partnership.objects.exists()


def test_the_admin_list_names_the_members_in_constant_queries(
    staff_client, django_assert_max_num_queries
):
    PartnershipFactory.create_batch(2)
    with django_assert_max_num_queries(12) as few:
        staff_client.get(PARTNERSHIPS)
    PartnershipFactory.create_batch(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(PARTNERSHIPS)
    assert response.status_code == 200
    assert response.content.decode().count("Town ") >= 20


def test_deleting_in_the_admin_rematches_the_former_members(staff_client, towns):
    partnership = PartnershipFactory(members=towns[:2])
    need = NeedFactory(municipality=towns[1])
    _settled(need)
    response = staff_client.post(f"{PARTNERSHIPS}{partnership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Partnership.objects.exists()
    assert _pending(need) == [True]


def test_removing_a_member_in_the_admin_rematches_it_too(staff_client, towns):
    partnership = PartnershipFactory(members=towns)
    leaving = NeedFactory(municipality=towns[2])
    _settled(leaving)
    members = list(partnership.members.order_by("pk"))
    data = {
        "kind": partnership.kind,
        "original_language": "en",
        "started_on": partnership.started_on.isoformat(),
        "ended_on": "",
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "3",
        "members-MIN_NUM_FORMS": "2",
        "members-MAX_NUM_FORMS": "1000",
    }
    for number, member in enumerate(members):
        data[f"members-{number}-id"] = member.pk
        data[f"members-{number}-partnership"] = partnership.pk
        data[f"members-{number}-municipality"] = member.municipality_id
    data["members-2-DELETE"] = "on"
    response = staff_client.post(f"{PARTNERSHIPS}{partnership.pk}/change/", data)
    assert response.status_code == 302
    assert set(partnership.municipalities.all()) == set(towns[:2])
    assert _pending(leaving) == [True]


def test_the_daily_run_rematches_partners_whose_partnership_begins_today(towns):
    today = timezone.localdate()
    PartnershipFactory(members=towns[:2], started_on=today)
    PartnershipFactory(members=[towns[2], MunicipalityFactory()], started_on=date(2001, 1, 1))
    postings = [NeedFactory(municipality=town) for town in towns]
    _settled(*postings)
    assert rematch_partnerships_changed_by_date.delay().get() == 2
    assert _pending(*postings) == [True, True, False]
