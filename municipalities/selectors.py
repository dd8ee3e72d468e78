"""Reads about municipalities, with the joins that keep query counts constant."""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from accounts.models import User
from municipalities.models import Invitation, JoinRequest, Membership, Municipality


def membership_of(user: User, municipality: Municipality) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, municipality=municipality).first()


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
        for field in _name_fields():
            name_matches |= Q(**{f"{field}__icontains": query})
        municipalities = municipalities.filter(name_matches)
    return municipalities.order_by("name_en")


def _name_fields() -> list[str]:
    return [build_localized_fieldname("name", code) for code, _name in settings.LANGUAGES]


def countries_with_public_municipalities() -> list[str]:
    return list(
        Municipality.objects.filter(status=Municipality.Status.VERIFIED)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )


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


def pending_join_requests_of(user: User) -> QuerySet[JoinRequest]:
    return user.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "municipality"
    )


def open_invitations_for(municipality: Municipality) -> QuerySet[Invitation]:
    return municipality.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
