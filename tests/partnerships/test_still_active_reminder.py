"""A partnership with no activity or event for twelve months: its contacts are asked, once,
whether it is still active, with one-click answers (a GET shows the answer, the POST acts)."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.db.models import F
from django.test import Client
from django.utils import timezone

from core.models import OutgoingEmail
from municipalities.models import Membership
from partnerships import services
from partnerships.models import Partnership
from partnerships.services.reminders import Answer, answer_token
from partnerships.tasks import remind_quiet_partnerships

pytestmark = pytest.mark.django_db


def _quiet_for(partnership: Partnership, days: int) -> None:
    Partnership.objects.filter(pk=partnership.pk).update(
        last_active_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def quiet(twinning, municipality, official):
    """The twinning, with Kamianets-Podilskyi's official as its officer, quiet for a year."""
    twinning.members.filter(municipality=municipality).update(contact=official)
    _quiet_for(twinning, 366)
    return twinning


def _links(email: OutgoingEmail) -> dict[str, str]:
    """Answer label → the path of its link."""
    return dict(
        re.findall(r"^(.+)\n\S+?(/\w\w/partnerships/still-active/\S+)$", email.body_text, re.M)
    )


def test_the_contacts_of_a_quiet_partnership_are_asked_once(quiet, official, outsider):
    assert remind_quiet_partnerships.delay().get() == 2
    recipients = set(OutgoingEmail.objects.values_list("to", flat=True))
    # Kamianets-Podilskyi speaks through its officer; Esslingen has none: its manager.
    assert recipients == {official.email, outsider.email}
    assert remind_quiet_partnerships.delay().get() == 0


def test_a_partnership_quiet_for_less_than_a_year_and_proposals_are_left_alone(
    twinning, manager, municipality, offering
):
    _quiet_for(twinning, 300)
    proposal = services.partnership_propose(
        user=manager, municipality=municipality, partners=[offering], kind="network"
    )
    _quiet_for(proposal, 400)
    assert remind_quiet_partnerships.delay().get() == 0


def test_an_event_starts_the_twelve_months_again(quiet, official):
    services.event_add(
        user=official,
        partnership=quiet,
        original_language="en",
        topic_en="Online exchange of the mayors",
        held_on=timezone.localdate(),
        link="https://meet.example.org/mayors",
    )
    assert remind_quiet_partnerships.delay().get() == 0


def test_it_asks_again_a_year_after_the_answer(quiet, official, outsider):
    remind_quiet_partnerships.delay().get()
    services.partnership_answer_reminder(
        partnership=quiet, answer=Answer.STILL_ACTIVE, user=official
    )
    assert remind_quiet_partnerships.delay().get() == 0
    Partnership.objects.filter(pk=quiet.pk).update(
        last_active_at=F("last_active_at") - timedelta(days=366),
        reminded_at=F("reminded_at") - timedelta(days=366),
    )
    assert remind_quiet_partnerships.delay().get() == 2


def test_the_one_click_answer_still_active(quiet, official):
    remind_quiet_partnerships.delay().get()
    email = OutgoingEmail.objects.get(to=official.email)
    links = _links(email)
    assert set(links) == {"Yes, it is still active", "It is paused for now", "It has ended"}
    url = links["Yes, it is still active"]
    page = Client().get(url)
    assert page.status_code == 200
    assert "Yes, it is still active" in page.content.decode()
    quiet.refresh_from_db()
    assert quiet.last_active_at < timezone.now() - timedelta(days=365), "a GET changes nothing"
    done = Client().post(url)
    assert "Your answer is recorded." in done.content.decode()
    quiet.refresh_from_db()
    assert quiet.status == "active"
    assert quiet.last_active_at > timezone.now() - timedelta(minutes=1)
    assert quiet.status_changes.last().changed_by == official


@pytest.mark.parametrize(("answer", "status"), [("suspended", "suspended"), ("ended", "ended")])
def test_the_one_click_answers_pause_or_end_it(quiet, official, answer, status):
    url = f"/en/partnerships/still-active/{answer_token(quiet, answer, official)}/"
    Client().post(url)
    quiet.refresh_from_db()
    assert quiet.status == status
    assert (quiet.ended_on is not None) is (status == "ended")
    again = Client().post(url)
    assert "no longer active" in again.content.decode()


def test_a_link_of_someone_who_left_the_member_does_nothing(quiet, official):
    url = f"/en/partnerships/still-active/{answer_token(quiet, 'ended', official)}/"
    Membership.objects.filter(user=official).delete()
    page = Client().post(url).content.decode()
    assert "You no longer belong to a member" in page
    quiet.refresh_from_db()
    assert quiet.status == "active"


def test_an_expired_or_forged_link_is_refused(quiet, official):
    token = answer_token(quiet, "ended", official)
    assert Client().get(f"/en/partnerships/still-active/{token}x/").status_code == 400
    later = timezone.now() + timedelta(days=61)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        response = Client().post(f"/en/partnerships/still-active/{token}/")
    assert response.status_code == 400
    assert "expired or is invalid" in response.content.decode()
    quiet.refresh_from_db()
    assert quiet.status == "active"
