"""The inbox takes as many queries with one item of each kind as with dozens: one query per kind
of item, the long lists cut at a fixed length, the navigation's unread count included."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.inbox import CONVERSATIONS_SHOWN, NEW_MATCHES_SHOWN
from matching.models import Conversation, Match, Message
from municipalities.models import Membership
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


def _add_items(municipality, manager, count: int) -> None:
    """`count` items of every kind the inbox lists, each with a city of its own."""
    long_ago = timezone.now() - timedelta(days=45)
    for _ in range(count):
        town = MunicipalityFactory()
        theirs = MembershipFactory(municipality=town, role=Membership.Role.MANAGER).user
        MatchFactory(need__municipality=municipality, offer__municipality=town, score=0.9)
        MatchFactory(offer__municipality=municipality, need__municipality=town, score=0.5)
        talking = MatchFactory(need__municipality=municipality, offer__municipality=town, score=0.7)
        Match.objects.filter(pk=talking.pk).update(status=Match.Status.CONTACTED)
        conversation = Conversation.objects.create(match=talking, started_by=manager)
        Message.objects.create(conversation=conversation, author=theirs, body="Hello")
        Message.objects.create(conversation=conversation, author=manager, body="Hi")
        JoinRequestFactory(municipality=municipality)
        partnerships.partnership_propose(
            user=theirs, municipality=town, partners=[municipality], kind="friendship"
        )
        NeedFactory(municipality=municipality, last_confirmed_at=long_ago)
        OfferFactory(municipality=municipality, last_confirmed_at=long_ago)
        OfferFactory(
            municipality=municipality,
            status=Posting.Status.DRAFT,
            submitted_at=timezone.now(),
        )
        MembershipFactory(user=manager)


def test_the_inbox_takes_as_many_queries_for_one_item_as_for_many(
    manager, manager_client, municipality, page_queries
):
    _add_items(municipality, manager, 1)
    few = page_queries(manager_client, "/en/dashboard/", at_most=14)

    _add_items(municipality, manager, max(NEW_MATCHES_SHOWN, CONVERSATIONS_SHOWN) + 2)
    page_queries(manager_client, "/en/dashboard/", at_most=few)


def test_the_navigation_counts_every_unread_message_even_beyond_the_list(
    manager, manager_client, municipality
):
    _add_items(municipality, manager, CONVERSATIONS_SHOWN + 1)
    page = manager_client.get("/en/dashboard/").content.decode()
    assert f'Dashboard <span class="badge badge-unread">{CONVERSATIONS_SHOWN + 1}<' in page
    assert page.count("1 unread message<") == CONVERSATIONS_SHOWN
