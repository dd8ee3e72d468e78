"""How much one account may do in a while (messages in a conversation, new postings), counted in
the cache (Redis) like the login limits and, like them, open when Redis is down (the cache then
answers as an empty one: every count is the first).

A sliding window from two fixed ones: the count of the window before, weighted by how much of
it still lies within the period, plus the count of this one. No burst of twice the limit at a
window's edge, two keys per limit and user, and one round trip to count."""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Limit:
    """At most settings.<setting> times per `period` seconds; `message` is the error shown,
    with %(count)d for the limit (an ngettext_lazy with "count" as its number)."""

    action: str
    setting: str
    period: int
    message: Promise | str

    @property
    def count(self) -> int:
        return getattr(settings, self.setting)


class LimitReached(ValidationError):
    """Over a limit: a form error on the pages; 429 with Retry-After in the API."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, code="limit_reached")
        self.retry_after = retry_after


def consume(limit: Limit, key: str) -> None:
    """Count one more of `limit.action` for `key` (a user, a user in a conversation), or raise
    LimitReached when that would go over the limit (then nothing is counted)."""
    window, into = divmod(time.time(), limit.period)
    current_key = f"limit:{limit.action}:{key}:{int(window)}"
    previous_key = f"limit:{limit.action}:{key}:{int(window) - 1}"
    counts = cache.get_many([previous_key, current_key])
    previous, current = counts.get(previous_key, 0), counts.get(current_key, 0)
    if previous * (1 - into / limit.period) + current + 1 > limit.count:
        wait = _wait(limit, previous, current, into)
        raise LimitReached(_message(limit, wait), wait)
    if not cache.add(current_key, 1, timeout=2 * limit.period):
        cache.incr(current_key)


def _wait(limit: Limit, previous: int, current: int, into: float) -> int:
    """Seconds until one more fits: when the previous window weighs little enough, or, when
    this window alone is full, once it has become the previous one and weighs little enough."""
    room = limit.count - 1 - current
    if room >= 0:  # previous * (1 - t / period) <= room  from  t = period * (1 - room / previous)
        free_at = limit.period * (1 - room / previous)
    else:
        free_at = limit.period * (2 - (limit.count - 1) / current)
    return max(1, math.ceil(round(free_at - into, 3)))  # round: no extra second from 1e-12


def _message(limit: Limit, wait: int) -> str:
    minutes = math.ceil(wait / 60)
    then = ngettext(
        "You can go on in %(minutes)d minute.", "You can go on in %(minutes)d minutes.", minutes
    )
    return f"{limit.message % {'count': limit.count}} {then % {'minutes': minutes}}"
