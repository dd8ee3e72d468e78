"""Writes on partnerships, each one transaction checking its own permissions; pages, the API,
the admin, tasks and the demo call these (package: records, proposals, cooperation,
reminders; history and rematch underneath)."""

from partnerships.services.cooperation import (
    activity_add,
    activity_from_match,
    activity_update,
    event_add,
    event_update,
)
from partnerships.services.proposals import (
    partnership_confirm,
    partnership_decline,
    partnership_proposals_expire,
    partnership_propose,
)
from partnerships.services.records import (
    partnership_attach_agreement,
    partnership_delete,
    partnership_record,
    partnership_set_contact,
    partnership_set_status,
    partnership_update,
)
from partnerships.services.rematch import (
    partnership_changed,
    partnership_rematch,
    partnerships_rematch_changed_by_date,
)
from partnerships.services.reminders import (
    partnership_answer_reminder,
    remind_quiet_partnerships,
)

__all__ = [
    "activity_add",
    "activity_from_match",
    "activity_update",
    "event_add",
    "event_update",
    "partnership_answer_reminder",
    "partnership_attach_agreement",
    "partnership_changed",
    "partnership_confirm",
    "partnership_decline",
    "partnership_delete",
    "partnership_proposals_expire",
    "partnership_propose",
    "partnership_record",
    "partnership_rematch",
    "partnership_set_contact",
    "partnership_set_status",
    "partnership_update",
    "partnerships_rematch_changed_by_date",
    "remind_quiet_partnerships",
]
