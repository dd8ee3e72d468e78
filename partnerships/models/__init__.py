"""Partnerships between municipalities, their members and status history (partnership.py),
and the cooperation inside them: activities and events (cooperation.py)."""

from partnerships.models.cooperation import Activity, ActivityMatch, Event
from partnerships.models.partnership import (
    Partnership,
    PartnershipMember,
    PartnershipStatusChange,
)

__all__ = [
    "Activity",
    "ActivityMatch",
    "Event",
    "Partnership",
    "PartnershipMember",
    "PartnershipStatusChange",
]
