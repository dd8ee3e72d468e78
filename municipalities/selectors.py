"""Reads about municipalities, with the joins that keep query counts constant."""

import math
import unicodedata
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.selectors import has_verified_email
from core.languages import localized_fields
from municipalities.models import Invitation, JoinRequest, Membership, Municipality


def membership_of(user: User, municipality: Municipality) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, municipality=municipality).first()


def official_memberships(user: User) -> QuerySet[Membership]:
    """The user's memberships of verified municipalities: what makes someone an official who
    may read what officials read (contact details, matches, reports)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, municipality__status=Municipality.Status.VERIFIED)


def official_municipality_ids(user: User) -> set[int]:
    return set(official_memberships(user).values_list("municipality_id", flat=True))


def is_official(user: User) -> bool:
    """An official of some verified municipality."""
    return official_memberships(user).exists()


def acting_membership(user: User, municipality: Municipality) -> Membership | None:
    """The user's membership if they may act for this municipality: it is verified and so is
    the user's email address."""
    if not municipality.is_verified:
        return None
    membership = membership_of(user, municipality)
    if membership is None or not has_verified_email(user):
        return None
    return membership


def acting_municipalities(user: User) -> list[Municipality]:
    """The verified municipalities the user may act for (post, answer matches), by name."""
    if not user.is_authenticated or not has_verified_email(user):
        return []
    return [
        membership.municipality
        for membership in official_memberships(user)
        .select_related("municipality")
        .order_by("municipality__name_en")
    ]


def is_manager_of(user: User, municipality: Municipality) -> bool:
    membership = membership_of(user, municipality)
    return membership is not None and membership.is_manager


def managers_of(municipality: Municipality) -> QuerySet[User]:
    return User.objects.filter(
        memberships__municipality=municipality,
        memberships__role=Membership.Role.MANAGER,
        is_active=True,
    )


def public_municipalities(*, country: str = "", query: str = "") -> QuerySet[Municipality]:
    """Verified municipalities, optionally by country and by name in any language."""
    municipalities = Municipality.objects.filter(status=Municipality.Status.VERIFIED)
    if country:
        municipalities = municipalities.filter(country=country)
    if query:
        name_matches = Q()
        for field in localized_fields("name"):
            name_matches |= Q(**{f"{field}__icontains": query})
        municipalities = municipalities.filter(name_matches)
    return municipalities.order_by("name_en")


# Registering one this close to another of the same country asks whether it is the same.
NEARBY_KM = 2.0
EARTH_RADIUS_KM = 6371.0


def name_key(name: str) -> str:
    """A name as compared for sameness: case, accents, spaces and punctuation aside
    ("Kamianets Podilskyi" is "Kamianets-Podilskyi", "Taurage" is "Tauragė")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(character for character in decomposed if character.isalnum())


def distance_km(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    (lat1, lon1), (lat2, lon2) = (map(math.radians, map(float, point)) for point in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def similar_municipalities(
    *, country: str, names: list[str], place: tuple[Decimal, Decimal] | None
) -> list[Municipality]:
    """Municipalities of the country, verified or waiting, that may be the one being registered:
    a name alike in any language, or within NEARBY_KM of `place` (latitude, longitude)."""
    keys = {name_key(name) for name in names if name} - {""}
    name_fields = localized_fields("name")
    candidates = (
        Municipality.objects.filter(country=country)
        .exclude(status=Municipality.Status.REJECTED)
        .only("slug", "status", "country", "region", "latitude", "longitude", *name_fields)
        .order_by("name_en")
    )

    def alike(municipality: Municipality) -> bool:
        theirs = {name_key(getattr(municipality, field) or "") for field in name_fields}
        if keys & theirs:
            return True
        there = (municipality.latitude, municipality.longitude)
        return place is not None and None not in there and distance_km(place, there) <= NEARBY_KM

    return [municipality for municipality in candidates if alike(municipality)]


def countries_with_public_municipalities() -> list[str]:
    return list(
        Municipality.objects.filter(status=Municipality.Status.VERIFIED)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )


def municipalities_visible_to(user: User) -> QuerySet[Municipality]:
    """Verified municipalities for everyone; a pending or rejected one for its members, and
    every one for staff."""
    if user.is_authenticated and user.is_staff:
        return Municipality.objects.all()
    visible = Q(status=Municipality.Status.VERIFIED)
    if user.is_authenticated:
        # A subquery, not a join: no duplicate rows, so no DISTINCT for the database to sort.
        visible |= Q(pk__in=Membership.objects.filter(user=user).values("municipality_id"))
    return Municipality.objects.filter(visible)


def municipality_visible_to(user: User, slug: str) -> Municipality | None:
    """A verified municipality for everyone; a pending or rejected one for its members and staff."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None or municipality.is_verified:
        return municipality
    if user.is_authenticated and (user.is_staff or membership_of(user, municipality)):
        return municipality
    return None


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("municipality")
        .order_by("municipality__name_en")
    )


def members_of(municipality: Municipality) -> QuerySet[Membership]:
    return municipality.memberships.select_related("user").order_by("role", "user__email")


def pending_join_requests_for(municipality: Municipality) -> QuerySet[JoinRequest]:
    return municipality.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "user"
    )


def open_invitations_for(municipality: Municipality) -> QuerySet[Invitation]:
    return municipality.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("municipality", "invited_by").filter(token=token).first()
    )
