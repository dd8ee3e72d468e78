"""A partnership's history for its page: activities, events, delivered matches and status
changes in date order, and the figures drawn from them (four queries in all)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone

from matching.models import Match
from partnerships.models import (
    Activity,
    ActivityMatch,
    Event,
    Partnership,
    PartnershipStatusChange,
)


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: `kind` is activity, event, delivery or status."""

    day: date
    kind: str
    item: Activity | Event | Match | PartnershipStatusChange


@dataclass
class History:
    activities: list[Activity]
    events: list[Event]
    deliveries: list[Match]
    changes: list[PartnershipStatusChange]
    entries: list[Entry] = field(default_factory=list)


def _deliveries(partnership: Partnership, member_ids: set[int]) -> list[Match]:
    """Delivered matches recorded under the partnership, or between two of its members; only
    those whose postings are public (a moderator may have hidden one)."""
    linked = ActivityMatch.objects.filter(activity__partnership=partnership).values("match_id")
    between = Q(need__municipality_id__in=member_ids, offer__municipality_id__in=member_ids) & ~Q(
        need__municipality_id=F("offer__municipality_id")
    )
    return list(
        Match.objects.filter(
            Q(pk__in=linked) | between,
            status=Match.Status.DELIVERED,
            need__hidden_at__isnull=True,
            offer__hidden_at__isnull=True,
        )
        .select_related("need__municipality", "need__sector", "offer__municipality")
        .order_by("delivered_at", "pk")
    )


def history_of(partnership: Partnership, member_ids: set[int]) -> History:
    history = History(
        activities=list(
            partnership.activities.select_related("sector").order_by(
                F("started_on").asc(nulls_last=True), "created_at", "pk"
            )
        ),
        events=list(partnership.events.prefetch_related("participants").order_by("held_on")),
        deliveries=_deliveries(partnership, member_ids),
        changes=list(partnership.status_changes.select_related("changed_by", "municipality")),
    )
    entries = [
        *(
            Entry(
                activity.started_on or timezone.localdate(activity.created_at), "activity", activity
            )
            for activity in history.activities
        ),
        *(Entry(event.held_on, "event", event) for event in history.events),
        *(
            Entry(timezone.localdate(match.delivered_at), "delivery", match)
            for match in history.deliveries
            if match.delivered_at
        ),
        *(
            Entry(timezone.localdate(change.changed_at), "status", change)
            for change in history.changes
        ),
    ]
    history.entries = sorted(entries, key=lambda entry: entry.day)
    return history


@dataclass(frozen=True)
class Figures:
    activities_by_status: list[tuple[str, int]]  # (status label, count), every status
    deliveries: int
    # (sector name, unit, quantity delivered): quantities only add up within one unit
    quantities: list[tuple[str, str, Decimal]]


def figures_of(history: History) -> Figures:
    counts = Counter(activity.status for activity in history.activities)
    quantities: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for match in history.deliveries:
        quantity = match.delivered_quantity or match.agreed_quantity
        if quantity is not None:
            quantities[(match.need.sector.name, match.need.unit)] += quantity
    return Figures(
        activities_by_status=[
            (label, counts.get(value, 0)) for value, label in Activity.Status.choices
        ],
        deliveries=len(history.deliveries),
        quantities=sorted((sector, unit, total) for (sector, unit), total in quantities.items()),
    )
