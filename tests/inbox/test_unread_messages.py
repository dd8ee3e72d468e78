"""Which messages an official has not read: those of the other side written after their read
mark on the conversation, or all of the other side's without one; and the number beside
"Dashboard" in the navigation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.inbox import unread_conversations, unread_message_count
from matching.models import Conversation, ConversationRead, Message
from municipalities.models import Membership
from tests.factories import MatchFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(match, official) -> Conversation:
    return Conversation.objects.create(match=match, started_by=official)


def _say(conversation: Conversation, author, body: str = "Hello", minutes_ago: int = 0):
    message = Message.objects.create(conversation=conversation, author=author, body=body)
    if minutes_ago:
        Message.objects.filter(pk=message.pk).update(
            created_at=timezone.now() - timedelta(minutes=minutes_ago)
        )
    return message


def _read(conversation: Conversation, user, minutes_ago: int = 0) -> None:
    ConversationRead.objects.update_or_create(
        conversation=conversation,
        user=user,
        defaults={"read_at": timezone.now() - timedelta(minutes=minutes_ago)},
    )


def test_without_a_read_mark_every_message_of_the_other_side_is_unread(
    conversation, official, giver
):
    _say(conversation, giver)
    _say(conversation, giver)
    assert unread_message_count(official) == 2
    assert unread_message_count(giver) == 0


def test_own_messages_and_those_of_colleagues_are_never_unread(
    conversation, official, municipality, giver
):
    colleague = MembershipFactory(municipality=municipality, role=Membership.Role.MANAGER).user
    _say(conversation, official)
    _say(conversation, colleague)
    assert unread_message_count(official) == 0
    assert unread_message_count(giver) == 2


def test_messages_after_the_read_mark_are_unread_and_those_before_are_not(
    conversation, official, giver
):
    _say(conversation, giver, "Old news", minutes_ago=30)
    _read(conversation, official, minutes_ago=10)
    assert unread_message_count(official) == 0
    _say(conversation, giver, "Fresh news")
    assert unread_message_count(official) == 1


def test_a_message_whose_author_left_still_counts(conversation, official, giver):
    _say(conversation, giver)
    giver.delete()
    assert unread_message_count(official) == 1


def test_other_cities_conversations_do_not_count(conversation, official, outsider):
    elsewhere = Conversation.objects.create(match=MatchFactory())
    _say(elsewhere, outsider)
    assert unread_message_count(official) == 0


def test_an_unverified_municipality_has_no_unread_messages(conversation, official, giver):
    _say(conversation, giver)
    municipality = official.memberships.get().municipality
    municipality.status = municipality.Status.PENDING
    municipality.save()
    assert unread_message_count(official) == 0


def test_each_conversation_counts_its_own_unread_messages_most_recent_first(
    conversation, official, municipality, giver, offering
):
    other = Conversation.objects.create(
        match=MatchFactory(need__municipality=municipality, offer__municipality=offering)
    )
    _say(conversation, giver, minutes_ago=20)
    _say(conversation, giver, minutes_ago=15)
    _say(other, giver, minutes_ago=5)
    _read(other, official, minutes_ago=50)
    found = unread_conversations(official, [municipality.pk])
    assert [(c.pk, c.unread) for c in found] == [(other.pk, 1), (conversation.pk, 2)]
    assert found[0].match.other.municipality == offering


def test_the_navigation_shows_the_unread_count_beside_the_dashboard(
    conversation, official_client, giver, client
):
    _say(conversation, giver)
    _say(conversation, giver)
    page = official_client.get("/en/needs/").content.decode()
    assert '<span class="visually-hidden"> unread messages</span>' in page
    assert 'Dashboard <span class="badge badge-unread">2<span' in page
    assert "badge-unread" not in client.get("/en/needs/").content.decode()


def test_no_count_is_shown_when_everything_is_read(conversation, official, official_client, giver):
    _say(conversation, giver, minutes_ago=5)
    _read(conversation, official)
    assert "badge-unread" not in official_client.get("/en/needs/").content.decode()
