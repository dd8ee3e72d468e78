"""Read marks: how far each official has read a conversation (the inbox counts the messages
after it as unread)."""

from django.utils import timezone

from accounts.models import User
from matching.models import Conversation, ConversationRead


def mark_read(*, user: User, conversation: Conversation) -> None:
    """The user has read the conversation up to now: one upsert, safe when two tabs race."""
    ConversationRead.objects.bulk_create(
        [ConversationRead(conversation=conversation, user=user, read_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["conversation", "user"],
        update_fields=["read_at"],
    )
