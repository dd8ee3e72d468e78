"""Emails about a partnership to the managers of its members, each in their language, through
the outbox; once per partnership, event and person."""

from collections.abc import Iterable

from django.db.models import prefetch_related_objects

from core.emails import queue_email_to_users
from municipalities.models import Municipality
from municipalities.selectors import managers_of
from partnerships.models import Partnership


def notify_managers(
    partnership: Partnership,
    event: str,
    municipalities: Iterable[Municipality],
    **context,
) -> int:
    """`emails/partnership_<event>_*` to the active managers of these municipalities."""
    with_member_names(partnership)
    recipients = {
        user.pk: user
        for municipality in municipalities
        for user in managers_of(municipality).order_by("pk")
    }
    return queue_email_to_users(
        recipients.values(),
        f"partnership_{event}",
        {"partnership": partnership, **context},
        key=f"partnership:{partnership.pk}:{event}",
    )


def with_member_names(partnership: Partnership) -> Partnership:
    """Members and their municipalities loaded once: an untitled partnership is named after
    them in every email (display_name), which would load them again for each recipient."""
    prefetch_related_objects([partnership], "members__municipality")
    return partnership
