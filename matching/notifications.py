"""Telling both cities about a new good match, through the outbox, never twice."""

from core.emails import queue_email_to_users
from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Match
from municipalities.selectors import managers_of


def _recipients(match: Match) -> list:
    people = {}
    for posting in (match.need, match.offer):
        contact = posting.contact or next(iter(managers_of(posting.municipality)), None)
        if contact is not None and contact.is_active:
            people[contact.pk] = (contact, posting)
    return list(people.values())


def notify_new_matches(matches: list[Match]) -> int:
    """Email the contact of each side of every new match above the threshold."""
    sent = 0
    for match in matches:
        if match.score < NOTIFY_THRESHOLD or match.status != Match.Status.SUGGESTED:
            continue
        for user, own_posting in _recipients(match):
            sent += queue_email_to_users(
                [user],
                "new_match",
                {"match": match, "own": own_posting},
                key=f"match:{match.pk}",
            )
    return sent
