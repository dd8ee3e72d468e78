"""The demo's partnerships, after real ones, in the languages of the cities: their members,
kinds, dates, activities, the Bytów meeting with six participants, and a proposal waiting."""

from datetime import date

import pytest
from django.core.management import call_command

from municipalities.models import Municipality
from partnerships.models import Activity, Event, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("seed_demo")
    capsys.readouterr()


def _partnership(*slugs: str) -> Partnership:
    found = [
        partnership
        for partnership in Partnership.objects.prefetch_related("municipalities")
        if {municipality.slug for municipality in partnership.municipalities.all()} == set(slugs)
    ]
    (partnership,) = found
    return partnership


def test_the_partnerships_of_the_issue(demo):
    trilateral = _partnership("krefeld", "venlo", "kropyvnytskyi")
    assert (trilateral.kind, trilateral.signed_on) == ("cooperation", date(2023, 9, 11))
    assert trilateral.title_uk == "Тристороннє партнерство Крефельд – Венло – Кропивницький"
    assert _partnership("krefeld", "dunkirk").started_on == date(1974, 1, 1)
    assert _partnership("treptow-kopenick", "cajamarca").signed_on == date(1998, 5, 20)
    esslingen = _partnership("esslingen-am-neckar", "kamianets-podilskyi")
    assert esslingen.kind == "solidarity"
    assert esslingen.activities.count() == 4
    assert esslingen.activities.filter(original_language="uk").exists()
    assert all(p.status == "active" for p in Partnership.objects.exclude(status="proposed"))


def test_the_bytow_meeting_had_six_participants(demo):
    meeting = Event.objects.get(place="Bytów")
    assert meeting.partnership == _partnership("bytow", "frankenberg-eder")
    assert meeting.topic_pl.startswith("Spotkanie miast i powiatów partnerskich")
    assert meeting.participants.count() == 6
    districts = meeting.participants.filter(kind=Municipality.Kind.DISTRICT)
    assert {district.slug for district in districts} == {
        "vorpommern-rugen",
        "schmalkalden-meiningen",
    }


def test_a_proposal_waits_for_kamianets_podilskyi(demo):
    proposal = Partnership.objects.get(status="proposed")
    waiting = proposal.members.get(confirmed_at__isnull=True)
    assert waiting.municipality.slug == "kamianets-podilskyi"


def test_seeding_again_adds_nothing(demo, capsys):
    counts = (Partnership.objects.count(), Activity.objects.count(), Event.objects.count())
    call_command("seed_demo")
    assert (Partnership.objects.count(), Activity.objects.count(), Event.objects.count()) == counts
