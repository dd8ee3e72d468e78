"""Telling the other side about a step of the agreement or the delivery: a proposal (or a
change of the agreed quantity), its acceptance, a confirmed delivery. Through the outbox, in
each recipient's language, once per step and person; nobody whose match emails are off."""

from accounts.models import User
from matching.models.match import Match, MatchEvent
from matching.notifications import queue_reader_email
from matching.sides import Side
from postings.selectors import posting_contacts, with_translations

Action = MatchEvent.Action
TEMPLATES = {
    Action.PROPOSED: "match_agreement_proposed",
    Action.ACCEPTED: "match_agreement_accepted",
    Action.DELIVERED: "match_delivery_confirmed",
}


def recipients(match: Match, event: MatchEvent) -> list[User]:
    """Whoever speaks for the other side's posting, but the person who acted, and those who
    turned match emails off."""
    side = Side(event.side).other
    return [
        person
        for person in posting_contacts(side.posting(match))
        if person.pk != event.user_id and person.match_emails != User.MatchEmails.OFF
    ]


def notify(match: Match, event: MatchEvent) -> int:
    """Queue the emails about a step (those that are told about). Returns emails queued."""
    template = TEMPLATES.get(event.action)
    if template is None:
        return 0
    readers = recipients(match, event)
    if not readers:
        return 0
    with_translations([match.need, match.offer])  # the titles in each reader's language
    side = Side(event.side)
    context = {
        "match": match,
        "event": event,
        "actor": event.user,
        "city": side.municipality(match),
        "own": side.other.posting(match),
        "changing": event.previous_quantity is not None,
    }
    return sum(
        queue_reader_email(reader, template, context, key=f"match-event:{event.pk}:{reader.pk}")
        for reader in readers
    )
