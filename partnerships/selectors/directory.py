"""The public directory of partnerships: filters, the name search in any language, and the
counts beside each filter's choices (each counted under the other filters)."""

from dataclasses import dataclass, replace

from django.db.models import Count, F, Q, QuerySet

from core.languages import localized_fields
from partnerships.models import Partnership, PartnershipMember
from partnerships.selectors.visibility import members_prefetch

Sectors = Partnership.sectors.through


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    country: str = ""
    sector: str = ""  # a sector's slug


def _named(query: str, prefix: str) -> Q:
    """A name containing the text, in any language."""
    matches = Q()
    for field in localized_fields("name"):
        matches |= Q(**{f"{prefix}{field}__icontains": query})
    return matches


def _filtered(filters: DirectoryFilters) -> QuerySet[Partnership]:
    partnerships = Partnership.objects.filter(status__in=Partnership.PUBLIC_STATUSES)
    if filters.kind:
        partnerships = partnerships.filter(kind=filters.kind)
    if filters.status:
        partnerships = partnerships.filter(status=filters.status)
    if filters.country:
        partnerships = partnerships.filter(
            pk__in=PartnershipMember.objects.filter(municipality__country=filters.country).values(
                "partnership_id"
            )
        )
    if filters.sector:
        partnerships = partnerships.filter(
            pk__in=Sectors.objects.filter(sector__slug=filters.sector).values("partnership_id")
        )
    if filters.q:
        titles = Q()
        for field in localized_fields("title"):
            titles |= Q(**{f"{field}__icontains": filters.q})
        members = PartnershipMember.objects.filter(_named(filters.q, "municipality__"))
        partnerships = partnerships.filter(titles | Q(pk__in=members.values("partnership_id")))
    return partnerships


def directory(filters: DirectoryFilters) -> QuerySet[Partnership]:
    """Public partnerships that pass the filters, most recent first, with their members and
    sectors (three queries per page)."""
    return (
        _filtered(filters)
        .prefetch_related(members_prefetch(), "sectors")
        .order_by(F("started_on").desc(nulls_last=True), "pk")
    )


def facet_counts(filters: DirectoryFilters) -> dict[str, dict[str, int]]:
    """For each filter, how many partnerships each choice would show, the other filters
    applied (four queries)."""
    by_kind = _filtered(replace(filters, kind="")).order_by().values("kind").annotate(n=Count("pk"))
    by_status = (
        _filtered(replace(filters, status="")).order_by().values("status").annotate(n=Count("pk"))
    )
    by_country = (
        PartnershipMember.objects.filter(partnership__in=_filtered(replace(filters, country="")))
        .order_by()
        .values(key=F("municipality__country"))
        .annotate(n=Count("partnership", distinct=True))
    )
    by_sector = (
        Sectors.objects.filter(partnership__in=_filtered(replace(filters, sector="")))
        .order_by()
        .values(key=F("sector__slug"))
        .annotate(n=Count("partnership", distinct=True))
    )
    return {
        "kind": {row["kind"]: row["n"] for row in by_kind},
        "status": {row["status"]: row["n"] for row in by_status},
        "country": {row["key"]: row["n"] for row in by_country},
        "sector": {row["key"]: row["n"] for row in by_sector},
    }
