"""The dashboard is the official's inbox: what waits for them, each item linking to where it is
acted on, strong matches set apart from weaker ones."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Conversation, Match, Message
from municipalities.models import Membership, Municipality
from partnerships import services as partnerships
from postings.models import Posting
from tests.factories import (
    JoinRequestFactory,
    MatchFactory,
    MembershipFactory,
    MunicipalityFactory,
    NeedFactory,
    OfferFactory,
)

pytestmark = pytest.mark.django_db


def _inbox(client) -> str:
    response = client.get("/en/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def _between(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def test_an_empty_inbox_says_nothing_is_waiting(official_client, municipality):
    page = _inbox(official_client)
    assert "Nothing is waiting for you." in page
    assert municipality.name in page, "the municipality's card stays"


def test_strong_new_matches_come_first_and_weaker_ones_fold_away(
    official_client, municipality, offering
):
    weak = MatchFactory(
        need__municipality=municipality,
        offer__municipality=offering,
        offer__title_en="Old bunk beds",
        score=0.45,
    )
    strong = MatchFactory(
        need__municipality=municipality,
        offer__municipality=offering,
        offer__title_en="Hospital beds with mattresses",
        score=0.91,
    )
    page = _inbox(official_client)
    matches = _between(page, 'id="inbox-matches"', "</section>")
    strong_list, weaker = matches.split('<details class="inbox-weaker"')
    assert f'href="/en/matches/{strong.pk}/"' in strong_list
    assert "Hospital beds with mattresses" in strong_list
    assert '<span class="badge badge-strong">91% fit</span>' in strong_list
    assert "Lublin" in strong_list
    assert f'href="/en/matches/{weak.pk}/"' in weaker
    assert "1 weaker match</summary>" in weaker
    assert '<span class="badge badge-weak">45% fit</span>' in weaker
    assert "Old bunk beds" not in strong_list


def test_strong_means_what_is_worth_an_email(official_client, municipality):
    at = MatchFactory(need__municipality=municipality, score=NOTIFY_THRESHOLD)
    below = MatchFactory(need__municipality=municipality, score=NOTIFY_THRESHOLD - 0.01)
    matches = _between(_inbox(official_client), 'id="inbox-matches"', "</section>")
    strong_list, weaker = matches.split("<details")
    assert f"/en/matches/{at.pk}/" in strong_list
    assert f"/en/matches/{below.pk}/" in weaker


def test_only_new_matches_of_the_readers_own_municipalities_are_listed(
    official_client, municipality
):
    contacted = MatchFactory(need__municipality=municipality, status=Match.Status.CONTACTED)
    dismissed = MatchFactory(need__municipality=municipality, status=Match.Status.DISMISSED)
    elsewhere = MatchFactory()
    offered = MatchFactory(offer__municipality=municipality, score=0.7)
    page = _inbox(official_client)
    assert f"/en/matches/{offered.pk}/" in page, "matches of the city's offers count too"
    for match in (contacted, dismissed, elsewhere):
        assert f"/en/matches/{match.pk}/" not in page


def test_an_unverified_municipality_has_no_matches_in_the_inbox(client):
    pending = MunicipalityFactory(status=Municipality.Status.PENDING)
    user = MembershipFactory(municipality=pending).user
    match = MatchFactory(need__municipality=pending)
    client.force_login(user)
    page = _inbox(client)
    assert f"/en/matches/{match.pk}/" not in page
    assert "An administrator will verify this municipality shortly." in page


def test_conversations_with_unread_messages_link_to_the_conversation(official_client, match, giver):
    conversation = Conversation.objects.create(match=match, started_by=giver)
    for body in ("Hello", "We have the beds"):
        Message.objects.create(conversation=conversation, author=giver, body=body)
    match.status = Match.Status.CONTACTED
    match.save()
    messages = _between(_inbox(official_client), 'id="inbox-messages"', "</section>")
    assert f'href="/en/matches/{match.pk}/#conversation"' in messages
    assert "2 unread messages" in messages
    assert "Lublin" in messages


def test_managers_see_requests_to_join_and_officials_do_not(
    manager_client, official_client, municipality
):
    join_request = JoinRequestFactory(municipality=municipality, user__first_name="Oksana")
    page = _inbox(manager_client)
    requests = _between(page, 'id="inbox-join-requests"', "</section>")
    assert f'href="/en/municipalities/{municipality.slug}/members/"' in requests
    assert f"{join_request.user.display_name} asks to join Kamianets-Podilskyi" in requests
    assert 'id="inbox-join-requests"' not in _inbox(official_client)


def test_the_readers_own_requests_wait_for_a_manager(client, municipality):
    join_request = JoinRequestFactory(municipality=municipality)
    client.force_login(join_request.user)
    page = _inbox(client)
    assert "Waiting for a manager" in page
    assert 'id="inbox-join-requests"' not in page


def test_proposals_waiting_for_the_manager_link_to_the_partnership(
    outsider_client, other_municipality
):
    town = MunicipalityFactory()
    proposer = MembershipFactory(municipality=town, role=Membership.Role.MANAGER).user
    proposal = partnerships.partnership_propose(
        user=proposer, municipality=town, partners=[other_municipality], kind="twinning"
    )
    proposals = _between(_inbox(outsider_client), 'id="inbox-proposals"', "</section>")
    assert f'href="/en/partnerships/{proposal.uuid}/"' in proposals
    assert "to confirm for Esslingen am Neckar" in proposals


def test_postings_to_confirm_show_when_they_expire(official_client, municipality):
    stale = NeedFactory(
        municipality=municipality,
        title_en="Generators",
        last_confirmed_at=timezone.now() - timedelta(days=40),
    )
    staler = OfferFactory(
        municipality=municipality,
        title_en="Fire engine",
        last_confirmed_at=timezone.now() - timedelta(days=50),
    )
    NeedFactory(municipality=municipality, title_en="Fresh need")
    confirm = _between(_inbox(official_client), 'id="inbox-confirm"', "</section>")
    assert confirm.index("Fire engine") < confirm.index("Generators"), "soonest to expire first"
    assert f'href="{stale.get_absolute_url()}"' in confirm
    assert f'href="{staler.get_absolute_url()}"' in confirm
    expires = timezone.localtime(stale.last_confirmed_at + timedelta(days=60))
    assert f"expires on {date_format(expires)}" in confirm
    assert "Fresh need" not in confirm


def test_drafts_waiting_for_approval_wait_for_managers(
    manager_client, official_client, municipality, official
):
    draft = NeedFactory(
        municipality=municipality,
        title_en="Ambulance",
        status=Posting.Status.DRAFT,
        submitted_at=timezone.now(),
        created_by=official,
    )
    NeedFactory(municipality=municipality, title_en="Unsubmitted", status=Posting.Status.DRAFT)
    approve = _between(_inbox(manager_client), 'id="inbox-approve"', "</section>")
    assert f'href="{draft.get_absolute_url()}"' in approve
    assert "Unsubmitted" not in approve
    assert 'id="inbox-approve"' not in _inbox(official_client)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/en/dashboard/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
