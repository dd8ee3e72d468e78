"""The number of unread messages, shown beside "Dashboard" in the navigation of every page."""

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest

from matching.inbox import unread_message_count


def unread_messages(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """`unread_messages` for signed-in users: a callable the template calls when it renders the
    navigation (one query, once per page); pages that know the number already pass their own."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": cache(lambda: unread_message_count(user))}
