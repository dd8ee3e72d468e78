"""Matches, the conversations about them, and the postings' vectors."""

from matching.models.conversation import Conversation, ConversationRead, Message, MessageTranslation
from matching.models.embedding import Embedding, NeedEmbedding, OfferEmbedding
from matching.models.match import Match, MatchEvent

__all__ = [
    "Conversation",
    "ConversationRead",
    "Embedding",
    "Match",
    "MatchEvent",
    "Message",
    "MessageTranslation",
    "NeedEmbedding",
    "OfferEmbedding",
]
