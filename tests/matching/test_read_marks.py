"""Opening a match's page marks its conversation read for the reader, up to now (the inbox
counts the messages after it as unread)."""

import pytest
from django.utils import timezone

from matching import services
from matching.models import ConversationRead
from matching.reading import mark_read
from tests.factories import match_url

pytestmark = pytest.mark.django_db


def test_opening_the_page_marks_the_conversation_read(official, official_client, match):
    conversation = services.match_contact(user=official, match=match)
    before = timezone.now()

    official_client.get(match_url(match))

    mark = ConversationRead.objects.get(conversation=conversation, user=official)
    assert mark.read_at >= before


def test_marking_again_moves_the_one_mark_on(official, match):
    conversation = services.match_contact(user=official, match=match)
    mark_read(user=official, conversation=conversation)
    first = ConversationRead.objects.get().read_at

    mark_read(user=official, conversation=conversation)

    assert ConversationRead.objects.get().read_at > first


def test_a_page_without_a_conversation_marks_nothing(official_client, match):
    official_client.get(match_url(match))

    assert not ConversationRead.objects.exists()


def test_a_reader_who_may_not_see_the_match_marks_nothing(outsider_client, official, match):
    services.match_contact(user=official, match=match)

    assert outsider_client.get(match_url(match)).status_code == 404
    assert not ConversationRead.objects.exists()
