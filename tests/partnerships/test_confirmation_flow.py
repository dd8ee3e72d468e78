"""A manager proposes a partnership; it becomes active only when a manager of every member has
confirmed, each emailed in their language; a member may decline; a fresh proposal may follow;
unanswered, it expires after 60 days."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import OutgoingEmail
from partnerships import services
from partnerships.models import Partnership
from partnerships.selectors import partner_years
from partnerships.tasks import expire_partnership_proposals
from tests.factories import MunicipalityFactory, NeedFactory

pytestmark = pytest.mark.django_db

Status = Partnership.Status


def _propose(client, towns, **extra):
    data = {
        "municipality": towns[0].pk,
        "partners": [town.pk for town in towns[1:]],
        "kind": "solidarity",
        "original_language": "uk",
        "title": "Партнерство трьох міст",
        "description": "",
        **extra,
    }
    return client.post("/en/partnerships/propose/", data)


def _emails(partnership: Partnership, event: str) -> dict[str, str]:
    """Recipient → language of the emails about this event of the partnership."""
    emails = OutgoingEmail.objects.filter(key__startswith=f"partnership:{partnership.pk}:{event}:")
    return {email.to: email.language for email in emails}


def _answer(client, partnership: Partnership, answer: str):
    return client.post(f"/en/partnerships/{partnership.uuid}/{answer}/", follow=True)


def test_three_cities_one_declines_then_a_fresh_proposal_succeeds(
    manager_client, outsider_client, giver_client, towns, managers
):
    kamianets, esslingen, lublin = managers
    response = _propose(manager_client, towns)
    first = Partnership.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/partnerships/{first.uuid}/"
    assert first.status == Status.PROPOSED
    assert first.title_uk == "Партнерство трьох міст"
    assert _emails(first, "proposed") == {esslingen.email: "en", lublin.email: "pl"}
    assert "Witaj" in OutgoingEmail.objects.get(to=lublin.email).body_text

    page = _answer(giver_client, first, "decline").content.decode()
    assert "The proposal is declined." in page
    first.refresh_from_db()
    assert first.status == Status.DECLINED
    assert _emails(first, "declined") == {kamianets.email: "uk", esslingen.email: "en"}
    page = _answer(outsider_client, first, "confirm").content.decode()
    assert "This partnership is no longer waiting for answers." in page

    assert _propose(manager_client, towns).status_code == 302
    fresh = Partnership.objects.exclude(pk=first.pk).get()
    _answer(outsider_client, fresh, "confirm")
    fresh.refresh_from_db()
    assert fresh.status == Status.PROPOSED, "Lublin has not confirmed yet"
    assert not _emails(fresh, "active")
    _answer(giver_client, fresh, "confirm")
    fresh.refresh_from_db()
    assert fresh.status == Status.ACTIVE
    assert fresh.started_on == timezone.localdate()
    assert _emails(fresh, "active") == {
        kamianets.email: "uk",
        esslingen.email: "en",
        lublin.email: "pl",
    }
    assert list(fresh.status_changes.values_list("status", flat=True)) == ["proposed", "active"]
    assert fresh.status_changes.last().changed_by == lublin


def test_the_last_confirmation_makes_the_members_partners_for_matching(
    manager, outsider, towns, settled
):
    need = NeedFactory(municipality=towns[1])
    settled(need)
    partnership = services.partnership_propose(
        user=manager, municipality=towns[0], partners=[towns[1]], kind="twinning"
    )
    assert not type(need).objects.get(pk=need.pk).match_pending, "a proposal changes nothing"
    services.partnership_confirm(user=outsider, partnership=partnership)
    assert type(need).objects.get(pk=need.pk).match_pending


def test_a_declined_proposal_never_made_partners_and_rematches_nothing(
    manager, outsider, towns, settled
):
    need = NeedFactory(municipality=towns[1])
    partnership = services.partnership_propose(
        user=manager, municipality=towns[0], partners=[towns[1]], kind="twinning"
    )
    settled(need)

    services.partnership_decline(user=outsider, partnership=partnership)

    assert not type(need).objects.get(pk=need.pk).match_pending


def test_each_member_confirms_once(manager, outsider, towns):
    partnership = services.partnership_propose(
        user=manager, municipality=towns[0], partners=towns[1:], kind="network"
    )
    with pytest.raises(ValidationError, match="confirmed this partnership already"):
        services.partnership_confirm(user=manager, partnership=partnership)


def test_only_managers_of_a_member_answer(official, outsider, staff, giver, towns, manager):
    partnership = services.partnership_propose(
        user=manager, municipality=towns[0], partners=[towns[1]], kind="twinning"
    )
    for someone in (official, giver, staff):
        with pytest.raises(PermissionDenied):
            services.partnership_confirm(user=someone, partnership=partnership)
        with pytest.raises(PermissionDenied):
            services.partnership_decline(user=someone, partnership=partnership)


def test_an_official_may_not_propose(official_client, official, towns):
    assert _propose(official_client, towns).status_code == 403
    with pytest.raises(PermissionDenied):
        services.partnership_propose(
            user=official, municipality=towns[0], partners=[towns[1]], kind="twinning"
        )


def test_an_unverified_municipality_cannot_be_proposed_to(manager, towns, pending_municipality):
    with pytest.raises(ValidationError, match="Tauragė cannot take part before it is verified"):
        services.partnership_propose(
            user=manager, municipality=towns[0], partners=[pending_municipality], kind="twinning"
        )


def test_a_second_proposal_for_the_same_members_waits_for_the_first(manager, towns):
    services.partnership_propose(
        user=manager, municipality=towns[0], partners=[towns[1]], kind="twinning"
    )
    with pytest.raises(ValidationError, match="already have a proposal waiting"):
        services.partnership_propose(
            user=manager, municipality=towns[0], partners=[towns[1]], kind="friendship"
        )
    # Other members, another proposal.
    services.partnership_propose(
        user=manager, municipality=towns[0], partners=towns[1:], kind="network"
    )


def test_a_proposal_nobody_answers_expires_after_60_days(manager, outsider, giver, towns):
    old = services.partnership_propose(
        user=manager, municipality=towns[0], partners=towns[1:], kind="network"
    )
    services.partnership_confirm(user=outsider, partnership=old)
    recent = services.partnership_propose(
        user=manager, municipality=towns[0], partners=[towns[1]], kind="twinning"
    )
    Partnership.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=60, minutes=1)
    )
    assert expire_partnership_proposals.delay().get() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == (Status.EXPIRED, Status.PROPOSED)
    assert _emails(old, "expired") == {manager.email: "uk", outsider.email: "en"}
    assert expire_partnership_proposals.delay().get() == 0


def test_the_dashboard_lists_the_proposals_waiting_for_the_reader(
    manager_client, outsider_client, outsider, manager, towns
):
    proposal = services.partnership_propose(
        user=manager,
        municipality=towns[0],
        partners=[towns[1]],
        kind="twinning",
        original_language="de",
        title_de="Kamjanez – Esslingen",
    )
    page = outsider_client.get("/en/dashboard/").content.decode()
    assert "Partnerships waiting for your confirmation" in page
    assert f'<a href="/en/partnerships/{proposal.uuid}/">Kamjanez – Esslingen</a>' in page
    assert "to confirm for Esslingen am Neckar" in page
    assert (
        "waiting for your confirmation" not in manager_client.get("/en/dashboard/").content.decode()
    )
    services.partnership_confirm(user=outsider, partnership=proposal)
    assert (
        "waiting for your confirmation"
        not in outsider_client.get("/en/dashboard/").content.decode()
    )


def test_a_partnership_page_shows_who_must_still_confirm(
    outsider_client, giver_client, manager, towns
):
    proposal = services.partnership_propose(
        user=manager, municipality=towns[0], partners=towns[1:], kind="network"
    )
    page = outsider_client.get(proposal.get_absolute_url()).content.decode()
    assert "Waiting for confirmation" in page
    assert "<strong>Esslingen am Neckar</strong>, <strong>Lublin</strong>" in page
    assert "Confirm for Esslingen am Neckar" in page
    assert "Confirm for Lublin" not in page
    stranger = MunicipalityFactory()
    assert stranger.name not in page


def test_an_old_twinning_recorded_now_keeps_its_date(manager, outsider, towns):
    partnership = services.partnership_propose(
        user=manager,
        municipality=towns[0],
        partners=[towns[1]],
        kind="twinning",
        started_on=date(1974, 1, 1),
    )
    services.partnership_confirm(user=outsider, partnership=partnership)
    partnership.refresh_from_db()
    assert (partnership.status, partnership.started_on) == ("active", date(1974, 1, 1))
    assert partner_years() == {tuple(sorted((towns[0].pk, towns[1].pk))): 1974}
