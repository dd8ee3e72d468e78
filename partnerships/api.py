"""Partnerships in the API, read-only: public, each with its members. A partnership an admin
deleted reaches mirrors as a tombstone with the reason "deleted" (the change feed's own).

A member's name comes in every language, like the municipality's own record, rather than in
the request's language: the representation (and so its ETag) is the same for every caller."""

from django.db.models import Model
from rest_framework import permissions, serializers

from core.api.fields import TranslatedTextField
from core.api.viewsets import MirroredViewSet
from partnerships.models import Partnership, PartnershipMember
from partnerships.selectors import partnerships_visible_to


class PartnershipMemberSerializer(serializers.ModelSerializer):
    municipality = serializers.UUIDField(
        source="municipality.uuid",
        read_only=True,
        help_text="The member municipality's id (see /municipalities/).",
    )
    name = TranslatedTextField(
        "name",
        150,
        source="municipality",
        read_only=True,
        help_text=(
            "The municipality's name in each language, for display. It comes again with the "
            "partnership only when the partnership changes: the municipality's own record in "
            "/municipalities/ is the one kept in step."
        ),
    )
    joined_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="When it joined; null for a founding member."
    )
    left_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="When it left; null while it is a member."
    )

    class Meta:
        model = PartnershipMember
        fields = ["municipality", "name", "joined_on", "left_on"]


class PartnershipSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    kind = serializers.ChoiceField(
        choices=Partnership.Kind.choices,
        read_only=True,
        help_text=(
            "Twinning, solidarity partnership, friendship, cooperation agreement or network."
        ),
    )
    started_on = serializers.DateField(read_only=True, help_text="Partners since this day.")
    ended_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="The day it ended; null while it lasts."
    )
    members = PartnershipMemberSerializer(
        many=True,
        read_only=True,
        help_text="Its member municipalities, founding members first, then by joining.",
    )
    updated_at = serializers.DateTimeField(
        read_only=True, help_text="When the partnership itself last changed."
    )

    class Meta:
        model = Partnership
        fields = ["id", "kind", "started_on", "ended_on", "members", "updated_at"]


class PartnershipViewSet(MirroredViewSet):
    """Partnerships between municipalities, with their members; public."""

    collection = "partnerships"
    serializer_class = PartnershipSerializer
    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return partnerships_visible_to(self.request.user)

    def tombstone_reason(self, obj: Model) -> str | None:
        # Everyone sees every partnership that exists; a deleted one is the feed's "deleted".
        return None


ROUTES = [("partnerships", PartnershipViewSet, "partnership")]
EXTRA_PATHS: list = []
