from municipalities.views.directory import detail, directory
from municipalities.views.membership import (
    invitation_accept,
    join,
    join_request_decide,
    members,
)
from municipalities.views.registration import edit, register

__all__ = [
    "detail",
    "directory",
    "edit",
    "invitation_accept",
    "join",
    "join_request_decide",
    "members",
    "register",
]
