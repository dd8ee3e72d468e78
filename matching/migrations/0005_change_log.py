from django.db import migrations

from core.changelog import record_access, record_changes, record_visibility

MATCHES_OF_MUNICIPALITY = (
    "SELECT match.id, match.uuid FROM matching_match AS match "
    "JOIN needs_need AS need ON need.id = match.need_id "
    "JOIN offers_offer AS offer ON offer.id = match.offer_id "
    "WHERE need.municipality_id = $1 OR offer.municipality_id = $1"
)
MESSAGES_OF_MUNICIPALITY = (
    "SELECT message.id, message.uuid FROM matching_message AS message "
    "JOIN matching_conversation AS conversation ON conversation.id = message.conversation_id "
    "JOIN matching_match AS match ON match.id = conversation.match_id "
    "JOIN needs_need AS need ON need.id = match.need_id "
    "JOIN offers_offer AS offer ON offer.id = match.offer_id "
    "WHERE need.municipality_id = $1 OR offer.municipality_id = $1"
)


class Migration(migrations.Migration):
    """API clients' change feeds of matches and messages (core.api.feed): their changes, and a
    person's view of a municipality's when they join or leave it or it loses or gains its
    verification (matches are for the members of the two municipalities only)."""

    dependencies = [
        ("core", "0003_change_log_functions"),
        ("matching", "0004_uuids"),
        ("needs", "0005_change_log"),
        ("offers", "0005_change_log"),
    ]

    operations = [
        record_changes("matching_match", "matches"),
        # Messages have no updated_at; they change only when their author's account goes.
        record_changes("matching_message", "messages", changed_when=""),
        record_access("matches", MATCHES_OF_MUNICIPALITY),
        record_access("messages", MESSAGES_OF_MUNICIPALITY),
        record_visibility("matches", MATCHES_OF_MUNICIPALITY, "members"),
        record_visibility("messages", MESSAGES_OF_MUNICIPALITY, "members"),
    ]
