"""Reads of partnerships (package: partners, visibility, directory, timeline)."""

from partnerships.selectors.partners import (
    member_ids,
    members_of_partnerships_changed_since,
    partner_years,
    partnerships_of,
)
from partnerships.selectors.visibility import (
    activities_visible_to,
    events_visible_to,
    partnership_for_page,
    partnership_of_pair,
    partnerships_visible_to,
    proposals_waiting_for,
)

__all__ = [
    "activities_visible_to",
    "events_visible_to",
    "member_ids",
    "members_of_partnerships_changed_since",
    "partner_years",
    "partnership_for_page",
    "partnership_of_pair",
    "partnerships_of",
    "partnerships_visible_to",
    "proposals_waiting_for",
]
