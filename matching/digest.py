"""The daily digest: one email with a day's new matches for each person who chose it.

Nothing is recorded per reader: the digest asks which good matches were announced
(notifications.notify_new_matches) on a calendar day and who hears about them now. The outbox
key `digest:<user>:<day>` makes each person's digest of a day go out once, however often this
runs; a match the person was already emailed about on its own (they switched from
"immediately" that day) is left out.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from core.models import OutgoingEmail
from matching.models import Match
from matching.notifications import (
    match_email_context,
    match_email_key,
    notifiable,
    queue_reader_email,
    recipients,
    with_posting_translations,
)

# Yesterday, and the day before in case yesterday's run was lost (beat or worker down).
CATCH_UP_DAYS = 2


def send_match_digests(*, today: date | None = None) -> int:
    """Queue the digests of the last days (yesterday first in line). Returns emails queued."""
    today = today or timezone.localdate()
    days = [today - timedelta(days=back) for back in range(CATCH_UP_DAYS, 0, -1)]
    return sum(send_match_digest_of(day) for day in days)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(day, time.min, tzinfo=zone),
        datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone),
    )


def digest_key(user: User, day: date) -> str:
    return f"digest:{user.pk}:{day.isoformat()}"


def _items_by_reader(day: date) -> dict[User, list[dict]]:
    start, end = _day_bounds(day)
    matches = notifiable(Match.objects.filter(notified_at__gte=start, notified_at__lt=end))
    readers: dict[User, list[dict]] = defaultdict(list)
    managers: dict[int, list[User]] = {}
    for match in with_posting_translations(list(matches.order_by("-score", "pk"))):
        for user, own in recipients(match, managers):
            if user.match_emails == User.MatchEmails.DAILY:
                readers[user].append(match_email_context(match, own))
    return readers


def _already_emailed(readers: dict[User, list[dict]]) -> set[str]:
    keys = [
        match_email_key(item["match"], user) for user, items in readers.items() for item in items
    ]
    return set(OutgoingEmail.objects.filter(key__in=keys).values_list("key", flat=True))


def send_match_digest_of(day: date) -> int:
    """Queue one digest per reader of the good matches announced on `day` (local time)."""
    readers = _items_by_reader(day)
    emailed = _already_emailed(readers)
    queued = 0
    for user, items in readers.items():
        items = [item for item in items if match_email_key(item["match"], user) not in emailed]
        if not items:
            continue
        queued += queue_reader_email(
            user, "match_digest", {"items": items, "day": day}, digest_key(user, day)
        )
    return queued
