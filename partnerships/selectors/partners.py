"""Who are partners today, and since when: for matching's "partner cities since" signal and
for a municipality's profile."""

from collections import defaultdict
from datetime import date
from itertools import combinations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from partnerships.models import Partnership, PartnershipMember

Status = Partnership.Status
# Listed on a member's profile: what is agreed and not over.
PROFILE_STATUSES = (Status.ACTIVE, Status.SUSPENDED)


def current_members(today: date) -> QuerySet[PartnershipMember]:
    return PartnershipMember.objects.filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=today),
        Q(left_on__isnull=True) | Q(left_on__gt=today),
    )


def partnerships_of(municipality_id: int) -> list[Partnership]:
    """The municipality's partnerships today (active or suspended), oldest first, each with
    `partners`: its other current members (two queries)."""
    today = timezone.localdate()
    partnerships = (
        Partnership.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=today),
            started_on__lte=today,
            status__in=PROFILE_STATUSES,
            members__in=current_members(today).filter(municipality_id=municipality_id),
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=current_members(today)
                .exclude(municipality_id=municipality_id)
                .select_related("municipality")
                .order_by("municipality__name"),
                to_attr="partners",
            )
        )
        .order_by("started_on", "pk")
    )
    return [partnership for partnership in partnerships if partnership.partners]


def member_ids(partnership: Partnership) -> set[int]:
    return set(partnership.members.values_list("municipality_id", flat=True))


def members_of_partnerships_changed_since(day: date) -> set[int]:
    """Members of the partnerships that started or ended, or that a member joined or left,
    between `day` and today: whose partners changed with the date, with nothing saved."""
    span = (day, timezone.localdate())
    changed = Partnership.objects.filter(
        Q(started_on__range=span)
        | Q(ended_on__range=span)
        | Q(members__joined_on__range=span)
        | Q(members__left_on__range=span)
    )
    return set(
        PartnershipMember.objects.filter(partnership__in=changed).values_list(
            "municipality_id", flat=True
        )
    )


def partner_years(municipality: int | None = None) -> dict[tuple[int, int], int]:
    """Pairs of municipalities (smaller id first) that are partners today, each with the year
    they have been partners since (the earliest active partnership they share; a member that
    joined later counts from its joining). Only pairs with `municipality`, if given. A proposed
    or suspended partnership does not count."""
    today = timezone.localdate()
    current = current_members(today).filter(
        Q(partnership__ended_on__isnull=True) | Q(partnership__ended_on__gt=today),
        partnership__started_on__lte=today,
        partnership__status=Status.ACTIVE,
    )
    if municipality is not None:
        current = current.filter(partnership__members__municipality=municipality)
    members: dict[int, list[tuple[int, date]]] = defaultdict(list)
    for partnership, member, started_on, joined_on in current.values_list(
        "partnership_id", "municipality_id", "partnership__started_on", "joined_on"
    ):
        members[partnership].append((member, max(started_on, joined_on or started_on)))
    years: dict[tuple[int, int], int] = {}
    for partnership_members in members.values():
        for (first, first_since), (second, second_since) in combinations(
            sorted(partnership_members), 2
        ):
            if municipality is not None and municipality not in (first, second):
                continue
            year = max(first_since, second_since).year
            pair = (first, second)
            years[pair] = min(year, years.get(pair, year))
    return years
