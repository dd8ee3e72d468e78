"""The shapes of partnerships, activities and events in the API: read as they are; written
through the services, which hold every rule (serializers check shape and types only)."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import (
    SlugRelatedField,
    StrictSerializer,
    TextField,
    Timestamp,
    TranslatedTextField,
    UUIDRelatedField,
)
from municipalities.languages import WORKING_LANGUAGE_CODES
from municipalities.models import Municipality
from partnerships.models import Activity, Event, Partnership, PartnershipMember
from partnerships.permissions import current_member_ids
from postings.models import Sector

CONTACT = {
    "type": "object",
    "nullable": True,
    "properties": {"name": {"type": "string"}, "email": {"type": "string"}},
}


class MemberSerializer(serializers.ModelSerializer):
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
    confirmed = serializers.SerializerMethodField(
        help_text="Whether a manager of this member confirmed the partnership (proposals)."
    )
    contact = serializers.SerializerMethodField(
        help_text=(
            "Its partnership officer as {name, email}: for the officials of the members and "
            "staff; null for others, or when none is named."
        )
    )

    class Meta:
        model = PartnershipMember
        fields = ["municipality", "name", "joined_on", "left_on", "confirmed", "contact"]

    def get_confirmed(self, member: PartnershipMember) -> bool:
        return member.confirmed_at is not None

    @extend_schema_field(CONTACT)
    def get_contact(self, member: PartnershipMember) -> dict | None:
        if not self.context.get("sees_contacts") or member.contact is None:
            return None
        return {"name": member.contact.display_name, "email": member.contact.email}


class PartnershipSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    kind = serializers.ChoiceField(
        choices=Partnership.Kind.choices,
        read_only=True,
        help_text=(
            "Twinning, solidarity partnership, friendship, cooperation agreement, project "
            "partnership, operator partnership of municipal utilities, or network."
        ),
    )
    status = serializers.ChoiceField(
        choices=Partnership.Status.choices,
        read_only=True,
        help_text=(
            "proposed → active (once a manager of every member confirmed) → suspended ↔ "
            "active → ended; a proposal may be declined, or expire after 60 days. Active, "
            "suspended and ended ones are public; the others are for the members' officials."
        ),
    )
    original_language = serializers.ChoiceField(
        choices=settings.LANGUAGES, read_only=True, help_text="The language of the texts."
    )
    title = TranslatedTextField("title", 200, read_only=True, help_text="Title per language.")
    description = TranslatedTextField(
        "description", 5000, read_only=True, help_text="Description per language."
    )
    started_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="Partners since this day; null while it is only proposed.",
    )
    signed_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="When the agreement was signed."
    )
    ended_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="The day it ended; null while it lasts."
    )
    sectors = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text="The sectors of cooperation, by slug (see /sectors/).",
    )
    languages = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The working languages (ISO 639-1).",
    )
    members = serializers.SerializerMethodField(
        help_text="Its member municipalities, founding members first, then by joining."
    )
    has_agreement = serializers.SerializerMethodField(
        help_text="Whether the signed agreement is stored (members' officials and staff "
        "download it from /partnerships/{id}/agreement/)."
    )
    created_at = Timestamp(help_text="When it was proposed or recorded.")
    updated_at = Timestamp(help_text="When the partnership itself last changed.")

    class Meta:
        model = Partnership
        fields = [
            "id",
            "kind",
            "status",
            "original_language",
            "title",
            "description",
            "started_on",
            "signed_on",
            "ended_on",
            "sectors",
            "languages",
            "members",
            "has_agreement",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(MemberSerializer(many=True))
    def get_members(self, partnership: Partnership) -> list:
        official_of = self.context.get("official_of", set())
        sees = self.context.get("staff", False) or bool(
            official_of & current_member_ids(partnership)
        )
        context = {**self.context, "sees_contacts": sees}
        return MemberSerializer(partnership.members.all(), many=True, context=context).data

    def get_has_agreement(self, partnership: Partnership) -> bool:
        return bool(partnership.agreement)


def _languages() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=WORKING_LANGUAGE_CODES),
        required=False,
        help_text="Working languages (ISO 639-1).",
    )


def _sectors() -> SlugRelatedField:
    return SlugRelatedField(
        slug_field="slug",
        queryset=Sector.objects.all(),
        many=True,
        required=False,
        help_text="Sectors of cooperation, by slug.",
    )


class PartnershipChangeSerializer(StrictSerializer):
    """What the members' managers may change (every field optional)."""

    kind = serializers.ChoiceField(
        choices=Partnership.Kind.choices, required=False, help_text="The kind of partnership."
    )
    original_language = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, help_text="The language of the texts."
    )
    title = TranslatedTextField("title", 200, required=False, help_text="Title per language.")
    description = TranslatedTextField(
        "description", 5000, required=False, help_text="Description per language."
    )
    started_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Partners since; for a proposal, if they are partners already.",
    )
    signed_on = serializers.DateField(
        required=False, allow_null=True, help_text="When the agreement was signed."
    )
    sectors = _sectors()
    languages = _languages()

    def service_fields(self) -> dict:
        """Texts per language flattened (title → title_en, ...), sectors apart."""
        data = dict(self.validated_data)
        fields = {}
        for name in ("title", "description"):
            fields.update(data.pop(name, {}))
        data.pop("sectors", None)
        return {**data, **fields}


class PartnershipProposalSerializer(PartnershipChangeSerializer):
    """A proposal: for which of your municipalities, with whom."""

    municipality = UUIDRelatedField(
        queryset=Municipality.objects.all(),
        help_text="The municipality you propose it for (you are one of its managers).",
    )
    partners = UUIDRelatedField(
        queryset=Municipality.objects.all(),
        many=True,
        help_text="The other municipalities (verified ones), one or more.",
    )
    kind = serializers.ChoiceField(
        choices=Partnership.Kind.choices, help_text="The kind of partnership."
    )
    started_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Since when they are partners, if they are already (an old twinning "
        "recorded now); else the day the last member confirms.",
    )

    def service_fields(self) -> dict:
        fields = super().service_fields()
        fields.pop("municipality")
        fields.pop("partners")
        return fields


class AnswerSerializer(StrictSerializer):
    municipality = UUIDRelatedField(
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text="The member you answer for; all the members you manage if left out.",
    )


class PartnershipMoveSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=[Partnership.Status.ACTIVE, Partnership.Status.SUSPENDED, Partnership.Status.ENDED],
        help_text="suspended, active (to resume) or ended.",
    )
    on = serializers.DateField(
        required=False, allow_null=True, help_text="For ended: the day; today if left out."
    )


class OfVisiblePartnership(StrictSerializer):
    """Its `partnership` is chosen among those the caller may read (the viewset's context);
    another one is "does not exist", as if it did not."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        visible = self.context.get("partnerships")
        if visible is not None:
            self.fields["partnership"].queryset = visible


class ActivitySerializer(OfVisiblePartnership):
    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    partnership = UUIDRelatedField(
        queryset=Partnership.objects.none(),
        help_text="The partnership it belongs to (set when it is created).",
    )
    original_language = serializers.ChoiceField(
        choices=settings.LANGUAGES, help_text="The language of the texts."
    )
    title = TranslatedTextField("title", 200, required=False, help_text="Title per language.")
    description = TranslatedTextField(
        "description", 5000, required=False, help_text="Description per language."
    )
    outcome = TranslatedTextField(
        "outcome", 2000, required=False, help_text="What was delivered, per language."
    )
    sector = SlugRelatedField(
        slug_field="slug",
        queryset=Sector.objects.all(),
        allow_null=True,
        required=False,
        help_text="A sector's slug, or null.",
    )
    status = serializers.ChoiceField(
        choices=Activity.Status.choices, required=False, help_text="planned, running, completed."
    )
    started_on = serializers.DateField(required=False, allow_null=True, help_text="Start.")
    ended_on = serializers.DateField(required=False, allow_null=True, help_text="End.")
    matches = serializers.SerializerMethodField(
        help_text="The ids of the matches it was recorded from (see /matches/, for their cities)."
    )
    created_at = Timestamp(help_text="When it was recorded.")
    updated_at = Timestamp(help_text="When it last changed.")

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uuid"}})
    def get_matches(self, activity: Activity) -> list[str]:
        return [str(match.uuid) for match in activity.matches.all()]

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("partnership", None)
        fields = {}
        for name in ("title", "description", "outcome"):
            fields.update(data.pop(name, {}))
        return {**data, **fields}


class EventSerializer(OfVisiblePartnership):
    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    partnership = UUIDRelatedField(
        queryset=Partnership.objects.none(),
        help_text="The partnership it belongs to (set when it is created).",
    )
    kind = serializers.ChoiceField(
        choices=Event.Kind.choices,
        required=False,
        help_text="meeting, visit, conference or online (exchange).",
    )
    original_language = serializers.ChoiceField(
        choices=settings.LANGUAGES, help_text="The language of the topic."
    )
    topic = TranslatedTextField("topic", 300, required=False, help_text="Topic per language.")
    held_on = serializers.DateField(help_text="The day it takes place (or begins).")
    ends_on = serializers.DateField(
        required=False, allow_null=True, help_text="The last day, for several days."
    )
    place = TextField(
        max_length=200, required=False, allow_blank=True, help_text="Where; or give a link."
    )
    link = serializers.URLField(
        required=False, allow_blank=True, help_text="For an online exchange."
    )
    participants = UUIDRelatedField(
        queryset=Municipality.objects.all(),
        many=True,
        required=False,
        help_text="The municipalities taking part: members and guests alike.",
    )
    created_at = Timestamp(help_text="When it was recorded.")
    updated_at = Timestamp(help_text="When it last changed.")

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("partnership", None)
        data.pop("participants", None)
        topic = data.pop("topic", {})
        return {**data, **topic}
