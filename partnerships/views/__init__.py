"""The partnership pages (package: directory, detail, proposals, editing, cooperation, links)."""

from partnerships.views.cooperation import (
    activity_edit,
    activity_new,
    event_edit,
    event_new,
    record_match,
)
from partnerships.views.detail import detail
from partnerships.views.directory import partnership_directory, partnership_map
from partnerships.views.editing import agreement, change_status, edit, set_contact, upload_agreement
from partnerships.views.links import still_active
from partnerships.views.proposals import confirm, decline, propose

__all__ = [
    "activity_edit",
    "activity_new",
    "agreement",
    "change_status",
    "confirm",
    "decline",
    "detail",
    "edit",
    "event_edit",
    "event_new",
    "partnership_directory",
    "partnership_map",
    "propose",
    "record_match",
    "set_contact",
    "still_active",
    "upload_agreement",
]
