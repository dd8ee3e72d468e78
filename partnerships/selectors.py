from collections import defaultdict
from datetime import date
from itertools import combinations

from django.db.models import Q
from django.utils import timezone

from partnerships.models import PartnershipMember


def partner_years(municipality: int | None = None) -> dict[tuple[int, int], int]:
    """Pairs of municipalities (smaller id first) that are partners today, each with the year
    they have been partners since (the earliest partnership they share; a member that joined
    later counts from its joining). Only pairs with `municipality`, if given."""
    today = timezone.localdate()
    current = PartnershipMember.objects.filter(
        Q(partnership__ended_on__isnull=True) | Q(partnership__ended_on__gt=today),
        Q(left_on__isnull=True) | Q(left_on__gt=today),
        partnership__started_on__lte=today,
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
