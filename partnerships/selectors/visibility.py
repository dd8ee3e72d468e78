"""Which partnerships, activities and events a person may read, one partnership for its page,
and the proposals waiting for someone's confirmation."""

from uuid import UUID

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import User
from municipalities.models import Membership
from municipalities.selectors import official_memberships
from partnerships.models import Activity, Event, Partnership, PartnershipMember
from partnerships.selectors.partners import current_members

Status = Partnership.Status
MEMBER_ORDER = (F("joined_on").asc(nulls_first=True), "municipality__name_en", "pk")


def members_prefetch() -> Prefetch:
    """A partnership's members with their municipalities and contacts: founding members
    first, then by joining; one query for any number of partnerships."""
    return Prefetch(
        "members",
        queryset=PartnershipMember.objects.select_related("municipality", "contact").order_by(
            *MEMBER_ORDER
        ),
    )


def _visible(user: User) -> Q | None:
    """The filter on partnerships the user may read; None for everything."""
    if user.is_authenticated and user.is_staff:
        return None
    visible = Q(status__in=Partnership.PUBLIC_STATUSES)
    if user.is_authenticated:
        # A subquery rather than a join: no duplicate rows, no DISTINCT to sort.
        own = PartnershipMember.objects.filter(
            municipality_id__in=official_memberships(user).values("municipality_id")
        ).values("partnership_id")
        visible |= Q(pk__in=own)
    return visible


def partnerships_visible_to(user: User) -> QuerySet[Partnership]:
    """Active, suspended and ended partnerships for everyone; proposals (and the declined and
    expired ones) for the officials of their members; everything for staff. With members,
    their municipalities and contacts, and sectors: three queries however many."""
    partnerships = Partnership.objects.all()
    visible = _visible(user)
    if visible is not None:
        partnerships = partnerships.filter(visible)
    return partnerships.prefetch_related(members_prefetch(), "sectors")


def _of_visible_partnerships(model, user: User) -> QuerySet:
    objects = model.objects.select_related("partnership")
    visible = _visible(user)
    if visible is None:
        return objects
    return objects.filter(
        partnership_id__in=Partnership.objects.filter(visible).values("pk"),
    )


def activities_visible_to(user: User) -> QuerySet[Activity]:
    """The activities of the partnerships the user may read, with their sector and matches."""
    return (
        _of_visible_partnerships(Activity, user)
        .select_related("sector")
        .prefetch_related("matches")
    )


def events_visible_to(user: User) -> QuerySet[Event]:
    """The events of the partnerships the user may read, with their participants."""
    return _of_visible_partnerships(Event, user).prefetch_related("participants")


def partnership_for_page(user: User, uuid: UUID) -> Partnership | None:
    """One partnership the user may read, with what its page shows of it (three queries)."""
    return partnerships_visible_to(user).select_related("proposed_by").filter(uuid=uuid).first()


def proposals_waiting_for(user: User) -> list[PartnershipMember]:
    """The members the user manages whose confirmation a proposal still waits for, oldest
    proposal first, each with the proposal and all its members (two queries)."""
    if not user.is_authenticated:
        return []
    managed = official_memberships(user).filter(role=Membership.Role.MANAGER)
    return list(
        PartnershipMember.objects.filter(
            partnership__status=Status.PROPOSED,
            confirmed_at__isnull=True,
            municipality_id__in=managed.values("municipality_id"),
        )
        .select_related("municipality", "partnership", "partnership__proposed_by")
        .prefetch_related(
            Prefetch(
                "partnership__members",
                queryset=PartnershipMember.objects.select_related("municipality").order_by(
                    *MEMBER_ORDER
                ),
            )
        )
        .order_by("partnership__created_at", "pk")
    )


def partnership_of_pair(first_id: int, second_id: int) -> Partnership | None:
    """Where cooperation between two municipalities is recorded: their active partnership (the
    oldest), else a suspended one, else their open proposal; None if they have none."""
    today = timezone.localdate()
    members = current_members(today)
    rank = Case(
        When(status=Status.ACTIVE, then=Value(0)),
        When(status=Status.SUSPENDED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Partnership.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=today),
            status__in=(Status.ACTIVE, Status.SUSPENDED, Status.PROPOSED),
            pk__in=members.filter(municipality_id=first_id).values("partnership_id"),
        )
        .filter(pk__in=members.filter(municipality_id=second_id).values("partnership_id"))
        .annotate(rank=rank)
        .order_by("rank", F("started_on").asc(nulls_last=True), "created_at", "pk")
        .first()
    )


def people_of(municipality_ids: list[int]) -> dict[int, list[User]]:
    """The active members of each municipality, by name (one query for all)."""
    people: dict[int, list[User]] = {}
    memberships = (
        Membership.objects.filter(municipality_id__in=municipality_ids, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__email")
    )
    for membership in memberships:
        people.setdefault(membership.municipality_id, []).append(membership.user)
    return people
