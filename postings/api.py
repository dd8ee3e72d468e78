"""What needs and offers share in the API: the taxonomy, the posting serializer and viewset.
needs/api.py and offers/api.py make them concrete with `posting_api(Need)`."""

import uuid
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from accounts.models import User
from core.api.feed import Reason
from core.api.fields import (
    SlugRelatedField,
    StrictSerializer,
    TextField,
    Timestamp,
    TranslatedTextField,
    UUIDRelatedField,
)
from core.api.idempotency import idempotent
from core.api.viewsets import UUID_PATTERN, MirroredViewSet
from municipalities.models import Municipality
from postings import permissions as posting_permissions
from postings.api_translations import TranslationsField
from postings.models import HelpKind, Posting, Sector, Topic
from postings.selectors import postings_visible_to, taxonomy_slug, with_translations_in_row
from postings.services import coverage, lifecycle, moderation

Status = Posting.Status
MUNICIPALITY_UUID = "municipality_uuid"  # annotated by the reading query

# The taxonomy: small, static, read in one go.


class TaxonomySerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The stable identifier; names are translated.")
    name = TranslatedTextField("name", 120, help_text="The name in each language.")
    description = TranslatedTextField("description", 2000, help_text="What it covers.")
    position = serializers.IntegerField(help_text="Where it comes in lists.")


class TopicSerializer(TaxonomySerializer):
    sector = serializers.CharField(
        source="sector.slug", read_only=True, help_text="The slug of the topic's sector."
    )


class TaxonomyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet):
    """Sectors, topics and kinds of help, with all their translations."""

    serializer_class = TaxonomySerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"
    pagination_class = None
    model = Sector

    def get_queryset(self) -> QuerySet:
        return self.model.objects.order_by("position", "slug")


class SectorViewSet(TaxonomyViewSet):
    model = Sector


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    serializer_class = TopicSerializer

    def get_queryset(self) -> QuerySet:
        return Topic.objects.select_related("sector").order_by(
            "sector__position", "position", "slug"
        )


class HelpKindViewSet(TaxonomyViewSet):
    model = HelpKind


# Needs and offers.


class ContactField(serializers.Field):
    """The contact person: shown as name and email to officials of verified municipalities
    (and staff), as null to others; written as the email of a member of the municipality."""

    default_error_messages = {
        "unknown": _("Nobody with this email address is a member of the platform."),
    }

    def to_representation(self, user: User) -> dict | None:
        if not self.context.get("contact_visible"):
            return None
        return {"name": user.display_name, "email": user.email}

    def to_internal_value(self, email) -> User:
        user = User.objects.filter(email__iexact=str(email).strip()).first()
        if user is None:
            self.fail("unknown")
        return user


class ContactFieldSchema(OpenApiSerializerFieldExtension):
    """A contact person is read as {name, email} (or null) and written as an email."""

    target_class = ContactField

    def map_serializer_field(self, auto_schema, direction: str) -> dict:
        if direction == "request":
            return {"type": "string", "format": "email"}
        return {
            "type": "object",
            "nullable": True,
            "properties": {"name": {"type": "string"}, "email": {"type": "string"}},
        }


class TaxonomyField(SlugRelatedField):
    """A sector, topic or kind of help by its slug, read from the posting's key without loading
    the entry."""

    def get_attribute(self, posting: Posting) -> int | None:
        return getattr(posting, f"{self.source}_id")

    def to_representation(self, pk: int) -> str:
        return taxonomy_slug(self.queryset.model, pk)


class MunicipalityField(UUIDRelatedField):
    """The posting's municipality by its uuid: on a page, the uuid that the reading query
    brings along (PostingViewSet.get_queryset), not a Municipality object per row."""

    def get_attribute(self, posting: Posting) -> uuid.UUID:
        if MUNICIPALITY_UUID in posting.__dict__:
            return posting.__dict__[MUNICIPALITY_UUID]
        return posting.municipality.uuid

    def to_representation(self, public_id: uuid.UUID) -> uuid.UUID:
        return public_id


class PostingSerializer(StrictSerializer):
    """A need or an offer. Writes go through the same services as the pages (the rules: the
    original language's text is required, the topic must be of the sector, a quantity needs
    its unit, dates are not in the past, the contact is a member)."""

    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    external_id = TextField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="Your own id for it, unique in your municipality (see by-external-id).",
    )
    municipality = MunicipalityField(
        queryset=Municipality.objects.all(),
        help_text="The municipality it belongs to (set when it is created).",
    )
    original_language = serializers.ChoiceField(
        choices=settings.LANGUAGES, help_text="The language the texts are written in."
    )
    title = TranslatedTextField("title", 200, required=False, help_text="Title per language.")
    description = TranslatedTextField(
        "description", 5000, required=False, help_text="What exactly, for whom and why."
    )
    sector = TaxonomyField(
        slug_field="slug", queryset=Sector.objects.all(), help_text="A sector's slug."
    )
    topic = TaxonomyField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        allow_null=True,
        required=False,
        help_text="A topic's slug, of the sector; optional.",
    )
    help_kind = TaxonomyField(
        slug_field="slug", queryset=HelpKind.objects.all(), help_text="A kind of help's slug."
    )
    quantity = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        allow_null=True,
        required=False,
        help_text="How many, in `unit`; null when it is not a matter of quantity.",
    )
    unit = TextField(
        max_length=50, allow_blank=True, required=False, help_text="What the quantity counts."
    )
    quantity_covered = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, help_text="Delivered so far."
    )
    quantity_open = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="Still open; null without a quantity.",
    )
    logistics = TextField(
        max_length=2000, allow_blank=True, required=False, help_text="Delivery and logistics."
    )
    translations = TranslationsField(
        help_text="The texts translated by the platform into the other languages, per text and "
        "language, with `machine` false where an official corrected the machine. Where the "
        "municipality wrote a language itself (`title`, `description`), that comes first."
    )
    contact = ContactField(
        required=False,
        help_text="The contact person; write a member's email. Read: {name, email} for "
        "officials of verified municipalities, else null.",
    )
    status = serializers.ChoiceField(
        choices=Status.choices, read_only=True, help_text="Where it is in its life."
    )
    waiting_for_approval = serializers.SerializerMethodField(
        help_text="A draft submitted to the municipality's managers."
    )
    hidden = serializers.SerializerMethodField(help_text="Hidden by a moderator.")
    hidden_reason = TextField(read_only=True, help_text="Why it was hidden.")
    published_at = Timestamp(allow_null=True, help_text="When first published; null for a draft.")
    last_confirmed_at = Timestamp(
        allow_null=True, help_text="When it was last confirmed as current."
    )
    closed_at = Timestamp(allow_null=True, help_text="When it was closed; null while open.")
    created_at = Timestamp(help_text="When it was created.")
    updated_at = Timestamp(help_text="When it last changed.")
    publish = serializers.BooleanField(
        write_only=True,
        default=True,
        help_text="On creation: publish at once (or submit it for approval where the "
        "municipality's managers approve); false keeps it a draft.",
    )

    def get_waiting_for_approval(self, posting: Posting) -> bool:
        return posting.status == Status.DRAFT and posting.submitted_at is not None

    def get_hidden(self, posting: Posting) -> bool:
        return posting.hidden_at is not None

    def service_fields(self) -> dict:
        """What the lifecycle services take: the validated fields, texts per language."""
        data = dict(self.validated_data)
        data.pop("municipality", None)
        data.pop("publish", None)
        return data


class ReopenSerializer(StrictSerializer):
    reason = TextField(max_length=2000, help_text="Why it is open again; kept in the history.")


class WithdrawSerializer(StrictSerializer):
    reason = TextField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="Why; kept in the history for your municipality.",
    )


class ConfirmSerializer(StrictSerializer):
    answer = serializers.ChoiceField(
        choices=lifecycle.Answer.choices, help_text="Whether it is still current."
    )


class HideSerializer(StrictSerializer):
    reason = TextField(max_length=2000, help_text="Told to the municipality.")


# What a reader is never shown of a posting: the bookkeeping of Postgres and the worker (its
# search vector is as long as its texts), and the staff's and reminders' own columns.
_NOT_SHOWN = frozenset(Posting.INTERNAL_FIELDS) - {"id", "uuid", "external_id"} | {
    "reminder_sent_at",
    "reviewed_at",
    "created_by",
}


@cache
def _shown_columns(model: type[Posting]) -> tuple[str, ...]:
    """The columns the serializer reads: a list of 50 loads a third of the data without the
    rest, and none of the contact's other columns (the password hash among them)."""
    own = [field.name for field in model._meta.concrete_fields if field.name not in _NOT_SHOWN]
    return (*own, "contact__first_name", "contact__last_name", "contact__email")


def _for_reading(postings: QuerySet[Posting]) -> QuerySet[Posting]:
    """Postings as the serializer shows them, and no more."""
    return (
        postings.select_related(None)
        .select_related("contact")
        .annotate(**{MUNICIPALITY_UUID: F("municipality__uuid")})
        .only(*_shown_columns(postings.model))
    )


def _date_field(model: type[Posting]) -> serializers.DateField:
    verbose = model._meta.get_field(model.date_field_name).verbose_name
    return serializers.DateField(
        allow_null=True, required=False, help_text=f"{str(verbose).capitalize()}; not in the past."
    )


class PostingViewSet(MirroredViewSet):
    """Needs or offers: public ones for everyone; every one of their municipalities for its
    members (drafts, hidden and closed ones too); everything for staff."""

    model: type[Posting] = Posting
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Posting]:
        postings = with_translations_in_row(postings_visible_to(self.model, self.request.user))
        if self.request.method in permissions.SAFE_METHODS:
            postings = _for_reading(postings)
        return postings

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not hasattr(self, "_contact_visible"):
            self._contact_visible = posting_permissions.can_see_contact(self.request.user)
        context["contact_visible"] = self._contact_visible
        return context

    def unscoped_queryset(self) -> QuerySet[Posting]:
        return self.model._base_manager.select_related("municipality")

    def tombstone_reason(self, posting: Posting) -> str | None:
        if posting.published_at is None:
            return None  # a draft of another municipality: never in the caller's sight
        if posting.hidden_at is not None or not posting.municipality.is_verified:
            return Reason.HIDDEN
        return {
            Status.WITHDRAWN: Reason.WITHDRAWN,
            Status.EXPIRED: Reason.EXPIRED,
            Status.FULFILLED: Reason.FULFILLED,
        }.get(posting.status, Reason.HIDDEN)

    @idempotent
    def create(self, request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        posting = self._create(serializer, serializer.validated_data["municipality"])
        return self._created(posting)

    def _create(self, serializer: PostingSerializer, municipality: Municipality) -> Posting:
        try:
            with transaction.atomic():
                return lifecycle.posting_create(
                    user=self.request.user,
                    model=self.model,
                    municipality=municipality,
                    publish=serializer.validated_data.get("publish", True),
                    **serializer.service_fields(),
                )
        except IntegrityError:  # the same external id, created at the same moment
            raise serializers.ValidationError(
                {"external_id": [_("Another posting of your municipality has this id.")]}
            ) from None

    def _created(self, posting: Posting) -> Response:
        response = self.respond(posting, status.HTTP_201_CREATED)
        response["Location"] = self.reverse_action("detail", kwargs={"uuid": posting.uuid})
        return response

    @idempotent
    def update(self, request, *args, partial: bool = False, **kwargs) -> Response:
        with transaction.atomic():
            posting = self.locked_object()
            posting = self._update(posting, request.data, partial)
        return self.respond(posting)

    def partial_update(self, request, *args, **kwargs) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def _update(self, posting: Posting, data, partial: bool) -> Posting:
        serializer = self.get_serializer(posting, data=data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return lifecycle.posting_update(
            user=self.request.user, posting=posting, **serializer.service_fields()
        )

    @extend_schema(
        request=PostingSerializer,
        responses={200: PostingSerializer, 201: PostingSerializer},
        description="Create the posting with this external id, or update it: the way a "
        "municipality's own system pushes its postings. Send an Idempotency-Key.",
    )
    @action(
        detail=False,
        methods=["put"],
        url_path=rf"by-external-id/(?P<municipality>{UUID_PATTERN})/(?P<external_id>[^/]{{1,100}})",
    )
    @idempotent
    def by_external_id(self, request, municipality: str, external_id: str) -> Response:
        target = get_object_or_404(Municipality, uuid=municipality)
        data = {**request.data, "municipality": str(target.uuid), "external_id": external_id}
        try:
            with transaction.atomic():
                posting = self._update(self.locked_object(), data, partial=False)
        except Http404:
            serializer = self.get_serializer(data=data)
            serializer.is_valid(raise_exception=True)
            return self._created(self._create(serializer, target))
        return self.respond(posting)

    def get_object(self) -> Posting:
        if "external_id" not in self.kwargs:  # by-external-id, also for OPTIONS
            return super().get_object()
        return get_object_or_404(
            self.get_queryset(),
            municipality__uuid=self.kwargs["municipality"],
            external_id=self.kwargs["external_id"],
        )

    def _act(self, service, body: type[serializers.Serializer] | None = None, **arguments):
        if body is not None:
            serializer = body(data=self.request.data)
            serializer.is_valid(raise_exception=True)
            arguments.update(serializer.validated_data)
        with transaction.atomic():
            posting = self.locked_object()
            service(posting=posting, **arguments)
        return self.respond(posting)

    @extend_schema(request=None, responses=PostingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def publish(self, request, uuid: str) -> Response:
        """Publish a draft (or submit it for approval where managers approve)."""
        return self._act(lifecycle.posting_publish, user=request.user)

    @extend_schema(request=None, responses=PostingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def approve(self, request, uuid: str) -> Response:
        """A manager publishes a draft an official submitted."""
        return self._act(lifecycle.posting_approve, user=request.user)

    @extend_schema(request=WithdrawSerializer, responses=PostingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, uuid: str) -> Response:
        """Withdraw it: the record stays, it stops being public."""
        return self._act(lifecycle.posting_withdraw, WithdrawSerializer, user=request.user)

    @extend_schema(request=ConfirmSerializer, responses=PostingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def confirm(self, request, uuid: str) -> Response:
        """Still current, partly covered, or done (fully covered: closed as fulfilled)."""
        return self._act(lifecycle.posting_confirm, ConfirmSerializer, user=request.user)

    @extend_schema(request=ReopenSerializer, responses=PostingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def reopen(self, request, uuid: str) -> Response:
        """Take back a "done" answer of the last 14 days: open and matched again."""
        return self._act(coverage.posting_reopen, ReopenSerializer, user=request.user)

    @extend_schema(
        request=HideSerializer,
        responses={200: PostingSerializer, 403: OpenApiResponse(description="Staff only.")},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def hide(self, request, uuid: str) -> Response:
        """Staff: hide it from the public; its municipality is told why."""
        return self._act(moderation.posting_hide, HideSerializer, admin=request.user)

    @extend_schema(request=None, responses=PostingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def restore(self, request, uuid: str) -> Response:
        """Staff: show a hidden posting again."""
        return self._act(moderation.posting_restore, admin=request.user)


def posting_api(model: type[Posting]) -> tuple[type[PostingSerializer], type[PostingViewSet]]:
    """The serializer and viewset of a concrete posting model, with its own date field."""
    label = model.__name__
    serializer = type(
        f"{label}Serializer",
        (PostingSerializer,),
        {model.date_field_name: _date_field(model), "__module__": model.__module__},
    )
    viewset = type(
        f"{label}ViewSet",
        (PostingViewSet,),
        {
            "model": model,
            "collection": model._meta.app_label,
            "serializer_class": serializer,
            "__module__": model.__module__,
        },
    )
    return serializer, viewset


ROUTES = [
    ("sectors", SectorViewSet, "sector"),
    ("topics", TopicViewSet, "topic"),
    ("kinds-of-help", HelpKindViewSet, "help-kind"),
]
EXTRA_PATHS: list = []
