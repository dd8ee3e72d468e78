"""Matches and their conversations in the API, for the members of the match's two
municipalities and staff: the two change feeds, and the actions on a match (contact, agree,
accept, deliver, correct or undo a delivery, fully covered, dismiss, post a message), each
through the service the match page calls."""

from collections.abc import Callable
from functools import cached_property

from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.conditional import etag_of
from core.api.errors import Problem, problem_response
from core.api.fields import StrictSerializer, Timestamp
from core.api.idempotency import idempotent
from core.api.viewsets import MirroredViewSet
from core.languages import LANGUAGE_CODES
from matching import selectors, services
from matching.agreement import AgreementConflict
from matching.engine.reasons import Reason
from matching.models import Match, Message
from matching.reasons_text import describe
from matching.sides import Side

REASONS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "code": {"type": "string", "enum": [reason.value for reason in Reason]},
        },
        "required": ["code"],
        "additionalProperties": True,
    },
}


@extend_schema_field(REASONS_SCHEMA)
class ReasonsField(serializers.JSONField):
    """The reasons as stored: a code and its parameters."""


class SideOrNullField(serializers.ChoiceField):
    """A side, or null where there is none (a match nobody dismissed)."""

    def to_representation(self, value) -> str | None:
        return value or None


class MatchSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    need = serializers.UUIDField(
        source="need.uuid", read_only=True, help_text="The need's id (see /needs/)."
    )
    offer = serializers.UUIDField(
        source="offer.uuid", read_only=True, help_text="The offer's id (see /offers/)."
    )
    score = serializers.FloatField(read_only=True, help_text="How well they fit, from 0 to 1.")
    reasons = ReasonsField(
        read_only=True,
        help_text=(
            "Why they fit, as data: each reason a `code` with its parameters: `same_topic` "
            "(`topic`: slug), `same_sector` (`sector`: slug), `similar_text` (`similarity`: "
            "0 to 1), `same_kind` (`kind`: slug), `compatible_kind`, `quantity` (`covered`, "
            "`of`, `unit`), `shared_language`, `partners` (`since`: year), `distance` (`km`), "
            "`same_country` (`country`: ISO code). Codes may be added: ignore unknown ones."
        ),
    )
    reason_texts = serializers.SerializerMethodField(
        help_text="The reasons in words, in the request's language (Accept-Language)."
    )
    status = serializers.ChoiceField(
        choices=Match.Status.choices,
        read_only=True,
        help_text=(
            "suggested → contacted (a conversation is open) → agreed → delivered; or dismissed "
            "by either side; closed when a posting closed first."
        ),
    )
    dismissed_by = SideOrNullField(
        choices=Side.choices,
        allow_null=True,
        read_only=True,
        help_text="The side that dismissed the match; null unless dismissed.",
    )
    dismissal_reason = serializers.SerializerMethodField(
        help_text=(
            "Why it was dismissed, if the official said: `not_what_we_need`, `too_small`, "
            "`too_far`, `no_longer_needed` or `other`. Shown to staff only; null otherwise."
        )
    )
    agreed_quantity = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="How much the two cities agreed on, in the need's unit.",
    )
    delivered_quantity = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text=(
            "How much the city in need confirmed as delivered; it covers the need and is "
            "taken from the offer."
        ),
    )
    proposed_by = SideOrNullField(
        choices=Side.choices,
        allow_null=True,
        read_only=True,
        help_text=(
            "The side whose proposal waits for the other side to accept it (see /agree/ and "
            "/accept/); null when none waits. While agreed, a proposal asks to change the "
            "agreed quantity, which holds until accepted."
        ),
    )
    proposed_quantity = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="The quantity proposed, in the need's unit; null when none waits.",
    )
    proposed_at = Timestamp(allow_null=True, help_text="When the waiting proposal was made.")
    revision = serializers.IntegerField(
        read_only=True,
        help_text=(
            "Counts the steps of the agreement and the delivery. Send it with a step to have "
            "it refused (409) if the match moved on since you read it."
        ),
    )
    fully_covered_at = Timestamp(
        allow_null=True,
        help_text="When the city in need answered that the need is fully covered.",
    )
    has_conversation = serializers.SerializerMethodField(
        help_text="Whether the two cities have opened a conversation (see /messages/)."
    )
    contacted_at = Timestamp(allow_null=True, help_text="When the conversation was opened.")
    agreed_at = Timestamp(allow_null=True, help_text="When the agreement was (last) recorded.")
    delivered_at = Timestamp(allow_null=True, help_text="When the delivery was confirmed.")
    dismissed_at = Timestamp(allow_null=True, help_text="When it was dismissed.")
    created_at = Timestamp(help_text="When it was found.")
    updated_at = Timestamp(help_text="When it last changed.")

    class Meta:
        model = Match
        fields = [
            "id",
            "need",
            "offer",
            "score",
            "reasons",
            "reason_texts",
            "status",
            "dismissed_by",
            "dismissal_reason",
            "agreed_quantity",
            "delivered_quantity",
            "proposed_by",
            "proposed_quantity",
            "proposed_at",
            "revision",
            "fully_covered_at",
            "has_conversation",
            "contacted_at",
            "agreed_at",
            "delivered_at",
            "dismissed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_reason_texts(self, match: Match) -> list[str]:
        names = self.context.get("reason_names")
        return describe(match, names() if names else None)

    @extend_schema_field(
        serializers.ChoiceField(choices=Match.DismissalReason.choices, allow_null=True)
    )
    def get_dismissal_reason(self, match: Match) -> str | None:
        request = self.context.get("request")
        if request is None or not request.user.is_staff:
            return None
        return match.dismissal_reason or None

    def get_has_conversation(self, match: Match) -> bool:
        return selectors.conversation_of(match) is not None


@extend_schema_field(
    {
        "type": "object",
        "properties": {code: {"type": "string"} for code in LANGUAGE_CODES},
        "additionalProperties": False,
    }
)
class MessageTranslationsField(serializers.Field):
    def to_representation(self, message: Message) -> dict[str, str]:
        return {row.language: row.text for row in message.translations.all()}


class MessageSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The public id.")
    match = serializers.UUIDField(
        source="conversation.match.uuid", read_only=True, help_text="The match it is about."
    )
    author = serializers.SerializerMethodField(
        help_text="The author's name; null if they gave none or their account is gone."
    )
    body = serializers.CharField(read_only=True, help_text="The message, as written.")
    language = serializers.CharField(
        read_only=True,
        help_text="The language it is written in, as the translation service recognised it; "
        "empty until then.",
    )
    translations = MessageTranslationsField(
        source="*",
        read_only=True,
        help_text="The message machine translated into the languages of the people in the "
        "conversation: language → text.",
    )
    created_at = Timestamp(help_text="When it was sent.")

    class Meta:
        model = Message
        fields = ["id", "match", "author", "body", "language", "translations", "created_at"]
        read_only_fields = fields

    def get_author(self, message: Message) -> str | None:
        # The name only: an email address is a contact detail, not a signature.
        if message.author is None:
            return None
        return message.author.get_full_name() or None


class MatchContactSerializer(StrictSerializer):
    """Contacting the other city, optionally with the first message."""

    body = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Optional: the first message of the conversation (at most 5000 characters).",
    )


def _quantity_field(help_text: str, required: bool = False) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        coerce_to_string=False,
        required=required,
        allow_null=not required,
        help_text=help_text,
    )


def _revision_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text=(
            "The match's `revision` you last read: if the match has moved on since, nothing "
            "is done and the answer is 409 with the match as it is now."
        ),
    )


def _more_than_asked_field() -> serializers.BooleanField:
    return serializers.BooleanField(
        required=False,
        default=False,
        help_text="Confirms a delivery of more than the need still lacks.",
    )


def _reason_field() -> serializers.CharField:
    return serializers.CharField(
        allow_blank=True, help_text="Why (required; at most 1000 characters)."
    )


class MatchAgreeSerializer(StrictSerializer):
    """A proposed quantity: it accepts the other side's proposal of the same quantity."""

    quantity = _quantity_field(
        "How much, in the need's unit. Required when the need has a quantity, and at most "
        "what it still lacks."
    )
    revision = _revision_field()


class MatchAcceptSerializer(StrictSerializer):
    """Accepting the other side's proposal."""

    revision = _revision_field()


class MatchDeliverSerializer(StrictSerializer):
    """The quantity delivered."""

    quantity = _quantity_field(
        "How much arrived, in the need's unit: at most what was agreed. Without it, what was "
        "agreed."
    )
    more_than_asked = _more_than_asked_field()


class MatchCorrectDeliverySerializer(StrictSerializer):
    """A delivery's corrected quantity, and why."""

    quantity = _quantity_field("The quantity that really arrived.", required=True)
    reason = _reason_field()
    more_than_asked = _more_than_asked_field()


class MatchReasonSerializer(StrictSerializer):
    """Why a step is undone."""

    reason = _reason_field()


class MatchFullyCoveredSerializer(StrictSerializer):
    """The answer that the need is fully covered, confirmed."""

    confirmed = serializers.BooleanField(
        help_text="Must be true: the need is closed as fulfilled and no longer matched."
    )


class MatchConflictSerializer(serializers.Serializer):
    """A problem (409, code `agreement_changed`) with the match as it is now."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField(help_text="What the agreement is now, in words.")
    current = MatchSerializer(help_text="The match as it is now.")


CONFLICT = {
    (409, "application/problem+json"): OpenApiResponse(
        MatchConflictSerializer,
        description=(
            "The agreement changed since the `revision` you sent, or the other side proposed "
            "another quantity you had not seen: nothing was done; `current` is the match now."
        ),
    )
}


class MatchDismissSerializer(StrictSerializer):
    """The side a match is dismissed for."""

    side = serializers.ChoiceField(
        choices=Side.choices, help_text="The side you dismiss it for: your need or your offer."
    )
    reason = serializers.ChoiceField(
        choices=Match.DismissalReason.choices,
        required=False,
        allow_blank=True,
        help_text=(
            "Why, optionally: `not_what_we_need`, `too_small`, `too_far`, `no_longer_needed` "
            "or `other`."
        ),
    )


class MessagePostSerializer(StrictSerializer):
    """A message in a match's conversation."""

    body = serializers.CharField(
        allow_blank=True, help_text="The message (at most 5000 characters)."
    )


class MatchViewSet(MirroredViewSet):
    """The matches of your municipalities' needs and offers (every one for staff)."""

    collection = "matches"
    serializer_class = MatchSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.matches_readable_by(self.request.user)

    def unscoped_queryset(self):
        # Matches leave sight only through "audience" changes (access_lost): nothing to join.
        return Match._base_manager.all()

    @cached_property
    def reason_names(self) -> dict:
        """The taxonomy's names, read once per request however many matches are described."""
        return selectors.taxonomy_names()

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "reason_names": lambda: self.reason_names}

    def _act(
        self, request_class: type[serializers.Serializer], act: Callable[[Match, dict], object]
    ) -> Response:
        """Lock the match (404 if not readable, 412 if If-Match names another version), check
        the body's shape (400), act through the service (403, 400), and answer with the match
        as it is now."""
        with transaction.atomic():
            match = self.locked_object()
            try:
                act(match, _valid(request_class, self.request))
            except AgreementConflict as conflict:
                return self._conflict(conflict)
        return self.respond(match)

    def _conflict(self, conflict: AgreementConflict) -> Response:
        """409, with the match as it is now (the service's savepoint is rolled back)."""
        response = problem_response(Problem(409, "agreement_changed", conflict.message))
        current = self.respond(conflict.match)
        response.data["current"] = current.data
        response["ETag"] = current["ETag"]
        return response

    @extend_schema(
        request=MatchContactSerializer,
        responses={200: MatchSerializer},
        description=(
            "Open the conversation with the other city (once; both then see each other's "
            "contact details), optionally with a first message. For members acting for either "
            "side."
        ),
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def contact(self, request: Request, uuid: str | None = None) -> Response:
        def contact(match: Match, data: dict) -> None:
            services.match_contact(user=request.user, match=match)
            if data.get("body"):
                services.message_post(user=request.user, match=match, body=data["body"])

        return self._act(MatchContactSerializer, contact)

    @extend_schema(
        request=MatchAgreeSerializer,
        responses={200: MatchSerializer, **CONFLICT},
        description=(
            "Agree on a quantity, once in contact: accepts the other side's waiting proposal "
            "if it is the same quantity; else proposes it (while agreed: a change) for the "
            "other side to accept. A different quantity than the other side's waiting "
            "proposal needs the `revision` that showed it, else 409."
        ),
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def agree(self, request: Request, uuid: str | None = None) -> Response:
        def agree(match: Match, data: dict) -> None:
            services.match_agree(user=request.user, match=match, **data)

        return self._act(MatchAgreeSerializer, agree)

    @extend_schema(
        request=MatchAcceptSerializer,
        responses={200: MatchSerializer, **CONFLICT},
        description="Accept the other side's waiting proposal: the match is agreed on it.",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def accept(self, request: Request, uuid: str | None = None) -> Response:
        def accept(match: Match, data: dict) -> None:
            services.match_accept(user=request.user, match=match, **data)

        return self._act(MatchAcceptSerializer, accept)

    @extend_schema(
        request=MatchDeliverSerializer,
        responses={200: MatchSerializer},
        description=(
            "Confirm the delivery of an agreed match: for the city in need only. At most what "
            "was agreed; more than the need still lacks only with `more_than_asked`. It covers "
            "the need and is taken from the offer; a posting with nothing left is fulfilled."
        ),
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def deliver(self, request: Request, uuid: str | None = None) -> Response:
        def deliver(match: Match, data: dict) -> None:
            services.match_deliver(user=request.user, match=match, **data)

        return self._act(MatchDeliverSerializer, deliver)

    @extend_schema(
        request=MatchCorrectDeliverySerializer,
        responses={200: MatchSerializer},
        description=(
            "Correct a delivery's quantity, with a reason: by the city in need, within 14 "
            "days of the delivery. The need and the offer follow."
        ),
    )
    @action(detail=True, methods=["post"], url_path="delivery-correction")
    @idempotent
    def correct_delivery(self, request: Request, uuid: str | None = None) -> Response:
        def correct(match: Match, data: dict) -> None:
            services.match_correct_delivery(user=request.user, match=match, **data)

        return self._act(MatchCorrectDeliverySerializer, correct)

    @extend_schema(
        request=MatchReasonSerializer,
        responses={200: MatchSerializer},
        description=(
            "Undo a delivery, with a reason: by the city in need, within 14 days. The match "
            "is agreed again and what the delivery covered is open again."
        ),
    )
    @action(detail=True, methods=["post"], url_path="delivery-undo")
    @idempotent
    def undo_delivery(self, request: Request, uuid: str | None = None) -> Response:
        def undo(match: Match, data: dict) -> None:
            services.match_undo_delivery(user=request.user, match=match, **data)

        return self._act(MatchReasonSerializer, undo)

    @extend_schema(
        request=MatchFullyCoveredSerializer,
        responses={200: MatchSerializer},
        description=(
            "After a delivery, answer that the need is fully covered: it is closed as "
            "fulfilled. For the city in need; `confirmed` must be true."
        ),
    )
    @action(detail=True, methods=["post"], url_path="fully-covered")
    @idempotent
    def fully_covered(self, request: Request, uuid: str | None = None) -> Response:
        def covered(match: Match, data: dict) -> None:
            services.match_mark_fully_covered(user=request.user, match=match, **data)

        return self._act(MatchFullyCoveredSerializer, covered)

    @extend_schema(
        request=MatchReasonSerializer,
        responses={200: MatchSerializer},
        description=(
            "Undo the answer that the need is fully covered, with a reason: by the city in "
            "need, within 14 days. The need is open again."
        ),
    )
    @action(detail=True, methods=["post"], url_path="fully-covered-undo")
    @idempotent
    def undo_fully_covered(self, request: Request, uuid: str | None = None) -> Response:
        def undo(match: Match, data: dict) -> None:
            services.match_undo_fully_covered(user=request.user, match=match, **data)

        return self._act(MatchReasonSerializer, undo)

    @extend_schema(
        request=MatchDismissSerializer,
        responses={200: MatchSerializer},
        description="Say no to an open match, for your side; the pair is not suggested again.",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def dismiss(self, request: Request, uuid: str | None = None) -> Response:
        def dismiss(match: Match, data: dict) -> None:
            services.match_dismiss(
                user=request.user, match=match, side=data["side"], reason=data.get("reason", "")
            )

        return self._act(MatchDismissSerializer, dismiss)

    @extend_schema(
        request=MessagePostSerializer,
        responses={201: MessageSerializer},
        description=(
            "Post a message in the match's open conversation; the other side is emailed. "
            "If-Match, if sent, names the match's ETag."
        ),
    )
    @action(detail=True, methods=["post"], url_path="messages")
    @idempotent
    def messages(self, request: Request, uuid: str | None = None) -> Response:
        with transaction.atomic():
            match = self.locked_object()
            body = _valid(MessagePostSerializer, request)["body"]
            message = services.message_post(user=request.user, match=match, body=body)
        message = selectors.messages_readable_by(request.user).get(pk=message.pk)
        data = MessageSerializer(message, context=self.get_serializer_context()).data
        headers = {
            "ETag": etag_of(data),
            "Location": reverse("message-detail", kwargs={"uuid": message.uuid}),
        }
        return Response(data, status=status.HTTP_201_CREATED, headers=headers)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class MessageViewSet(MirroredViewSet):
    """The messages of the conversations about the matches you may read, oldest first."""

    collection = "messages"
    serializer_class = MessageSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return selectors.messages_readable_by(self.request.user)

    def unscoped_queryset(self):
        return Message._base_manager.all()


ROUTES = [
    ("matches", MatchViewSet, "match"),
    ("messages", MessageViewSet, "message"),
]
EXTRA_PATHS: list = []
