"""Municipalities in the API: the public ones for everyone, a pending one for its members too;
and `me/`, the caller with the municipalities they act for."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from core.api.feed import Reason
from core.api.fields import Timestamp, TranslatedTextField
from core.api.viewsets import MirroredViewSet
from municipalities.models import Membership, Municipality
from municipalities.selectors import memberships_of, municipalities_visible_to


class MunicipalitySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    name = TranslatedTextField(
        "name", 150, help_text="The name in each language (English always, Latin script)."
    )
    description = TranslatedTextField("description", 2000, help_text="A short description.")
    website = serializers.CharField(
        read_only=True, help_text="Its official website (a URL), or empty."
    )
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code, e.g. UA.")
    languages = serializers.ListField(
        child=serializers.CharField(),
        help_text="ISO 639-1 codes of the languages its officials work in.",
    )
    status = serializers.ChoiceField(
        choices=Municipality.Status.choices,
        help_text="Verification: only verified municipalities act on the platform.",
    )
    updated_at = Timestamp(help_text="When it last changed.")

    class Meta:
        model = Municipality
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "description",
            "country",
            "region",
            "latitude",
            "longitude",
            "population",
            "website",
            "languages",
            "status",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": "Its part of the web address: /municipalities/<slug>/."},
            "kind": {"help_text": "A municipality (city, town), a district or a region."},
            "region": {"help_text": "The region, state or province it lies in."},
            "latitude": {"help_text": "Degrees north (WGS 84), or null."},
            "longitude": {"help_text": "Degrees east (WGS 84), or null."},
            "population": {"help_text": "Inhabitants, or null where not known."},
        }


class MunicipalityViewSet(MirroredViewSet):
    """Verified municipalities for everyone; a pending or rejected one for its members and
    staff as well."""

    collection = "municipalities"
    serializer_class = MunicipalitySerializer
    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return municipalities_visible_to(self.request.user)

    def tombstone_reason(self, municipality: Municipality) -> str | None:
        # Out of sight once verified: its verification was withdrawn.
        return Reason.HIDDEN if municipality.status_changed_at is not None else None


class MembershipSerializer(serializers.ModelSerializer):
    municipality = serializers.UUIDField(
        source="municipality.uuid", read_only=True, help_text="The municipality's id."
    )
    name = TranslatedTextField(
        "name",
        150,
        source="municipality",
        read_only=True,
        help_text="The municipality's name in each language.",
    )
    role = serializers.ChoiceField(
        choices=Membership.Role.choices,
        read_only=True,
        help_text="A manager also looks after the municipality's members and profile.",
    )
    verified = serializers.BooleanField(
        source="municipality.is_verified",
        read_only=True,
        help_text="Whether the municipality is verified: only then may its officials act for it.",
    )

    class Meta:
        model = Membership
        fields = ["municipality", "name", "role", "verified"]


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField(read_only=True, help_text="The email address they log in with.")
    name = serializers.CharField(
        source="display_name", read_only=True, help_text="Their name, or their email address."
    )
    language = serializers.CharField(
        read_only=True, help_text="The language of their interface and emails (ISO 639-1)."
    )
    staff = serializers.BooleanField(
        source="is_staff",
        read_only=True,
        help_text="A platform admin: reads everything and moderates.",
    )
    memberships = MembershipSerializer(
        many=True,
        read_only=True,
        help_text="The municipalities they belong to (and act for, once verified), by name.",
    )


@extend_schema(
    responses=MeSerializer,
    description="Who the token (or session) acts for, and the municipalities they belong to.",
)
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated])
def me(request) -> Response:
    user = request.user
    caller = {
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "is_staff": user.is_staff,
        "memberships": memberships_of(user),
    }
    return Response(MeSerializer(caller).data)


ROUTES = [("municipalities", MunicipalityViewSet, "municipality")]
EXTRA_PATHS = [("me/", me, "api-me")]
