"""Partnerships, their activities and events in the API: three change feeds, and writes
through the services the pages call (propose, confirm, decline, edit, status; activities by
the members' managers, events by any official of a member). A partnership an admin deleted
reaches mirrors as a tombstone "deleted"; a proposal you no longer see (you left the member
municipality) as "access_lost"."""

from functools import cached_property

from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.viewsets import MirroredViewSet
from municipalities.selectors import official_municipality_ids
from partnerships import services
from partnerships.api.documents import BytesParser, PDFParser, PDFRenderer
from partnerships.api.serializers import (
    ActivitySerializer,
    AnswerSerializer,
    EventSerializer,
    PartnershipChangeSerializer,
    PartnershipMoveSerializer,
    PartnershipProposalSerializer,
    PartnershipSerializer,
)
from partnerships.documents import agreement_download
from partnerships.models import Activity, Event
from partnerships.permissions import access
from partnerships.selectors import (
    activities_visible_to,
    events_visible_to,
    partnerships_visible_to,
)


def _valid(serializer: serializers.Serializer) -> serializers.Serializer:
    serializer.is_valid(raise_exception=True)
    return serializer


class _Writes(MirroredViewSet):
    """What the three viewsets share: the caller's context, and answers with ETags."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @cached_property
    def official_of(self) -> set[int]:
        return official_municipality_ids(self.request.user)

    def get_serializer_context(self) -> dict:
        user = self.request.user
        return {
            **super().get_serializer_context(),
            "official_of": self.official_of,
            "staff": user.is_authenticated and user.is_staff,
            "partnerships": partnerships_visible_to(user),
        }

    def created(self, obj) -> Response:
        response = self.respond(obj, status.HTTP_201_CREATED)
        response["Location"] = self.reverse_action("detail", kwargs={"uuid": obj.uuid})
        return response


class PartnershipViewSet(_Writes):
    """Partnerships between municipalities with their members: active, suspended and ended
    ones for everyone; proposals (and the declined and expired ones) for the officials of
    their members; everything for staff."""

    collection = "partnerships"
    serializer_class = PartnershipSerializer
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return partnerships_visible_to(self.request.user)

    @extend_schema(
        request=PartnershipProposalSerializer,
        responses={201: PartnershipSerializer},
        description=(
            "Propose a partnership, as a manager of `municipality`, with `partners`; it becomes "
            "active once a manager of every member has confirmed. The partners' managers are "
            "emailed."
        ),
    )
    @idempotent
    def create(self, request, *args, **kwargs) -> Response:
        body = _valid(PartnershipProposalSerializer(data=request.data))
        data = body.validated_data
        partnership = services.partnership_propose(
            user=request.user,
            municipality=data["municipality"],
            partners=list(data["partners"]),
            sectors=data.get("sectors", ()),
            **body.service_fields(),
        )
        return self.created(partnership)

    @extend_schema(
        request=PartnershipChangeSerializer,
        responses={200: PartnershipSerializer},
        description=(
            "Edit it: for the managers of its members. A proposal that changes waits for the "
            "other members' confirmation again."
        ),
    )
    @idempotent
    def partial_update(self, request, *args, **kwargs) -> Response:
        body = _valid(PartnershipChangeSerializer(data=request.data, partial=True))
        with transaction.atomic():
            partnership = self.locked_object()
            services.partnership_update(
                user=request.user,
                partnership=partnership,
                sectors=body.validated_data.get("sectors"),
                **body.service_fields(),
            )
        return self.respond(partnership)

    def _answer(self, service) -> Response:
        body = _valid(AnswerSerializer(data=self.request.data))
        with transaction.atomic():
            partnership = self.locked_object()
            service(
                user=self.request.user,
                partnership=partnership,
                municipality=body.validated_data.get("municipality"),
            )
        return self.respond(partnership)

    @extend_schema(
        request=AnswerSerializer,
        responses={200: PartnershipSerializer},
        description="Confirm a proposal for a member you manage; the last one makes it active.",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def confirm(self, request, uuid: str | None = None) -> Response:
        return self._answer(services.partnership_confirm)

    @extend_schema(
        request=AnswerSerializer,
        responses={200: PartnershipSerializer},
        description="Decline a proposal for a member you manage: it ends there.",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request, uuid: str | None = None) -> Response:
        return self._answer(services.partnership_decline)

    @extend_schema(
        request=PartnershipMoveSerializer,
        responses={200: PartnershipSerializer},
        description="Suspend, resume or end an active or suspended partnership (managers).",
    )
    @action(detail=True, methods=["post"], url_path="status")
    @idempotent
    def change_status(self, request, uuid: str | None = None) -> Response:
        body = _valid(PartnershipMoveSerializer(data=request.data))
        with transaction.atomic():
            partnership = self.locked_object()
            services.partnership_set_status(
                user=request.user,
                partnership=partnership,
                status=body.validated_data["status"],
                on=body.validated_data.get("on"),
            )
        return self.respond(partnership)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        description="The signed agreement, a PDF: for the officials of the members and staff.",
    )
    @extend_schema(
        methods=["PUT"],
        request={"application/octet-stream": OpenApiTypes.BINARY},
        responses={200: PartnershipSerializer},
        description=(
            "Store the signed agreement, replacing the one before: for the managers of the "
            "members. The body is the PDF itself (at most 10 MB unless configured otherwise), "
            "sent as `application/pdf` or `application/octet-stream`; it must be a PDF by its "
            "content."
        ),
    )
    @extend_schema(
        methods=["DELETE"],
        request=None,
        responses={200: PartnershipSerializer},
        description="Remove the signed agreement (managers).",
    )
    @action(
        detail=True,
        methods=["get", "put", "delete"],
        parser_classes=[PDFParser, BytesParser],
        renderer_classes=[JSONRenderer, PDFRenderer],
    )
    def agreement(self, request, uuid: str | None = None):
        if request.method == "GET":
            return self._download()
        with transaction.atomic():
            partnership = self.locked_object()
            document = request.data if request.method == "PUT" else None
            if request.method == "PUT" and not document:
                raise serializers.ValidationError({"document": [_("Send the PDF as the body.")]})
            services.partnership_attach_agreement(
                user=request.user, partnership=partnership, document=document
            )
        return self.respond(partnership)

    def _download(self) -> FileResponse:
        partnership = self.get_object()
        allowed = access(self.request.user, partnership).sees_contacts
        return agreement_download(partnership, allowed=allowed)


class _CooperationViewSet(_Writes):
    """Activities or events: the create and edit through the services."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    add = staticmethod(services.activity_add)
    change = staticmethod(services.activity_update)
    object_name = "activity"

    def relations(self, data: dict) -> dict:
        """The related objects the service takes beside the fields."""
        return {}

    @idempotent
    def create(self, request, *args, **kwargs) -> Response:
        body = _valid(self.get_serializer(data=request.data))
        obj = self.add(
            user=request.user,
            partnership=body.validated_data["partnership"],
            **self.relations(body.validated_data),
            **body.service_fields(),
        )
        return self.created(obj)

    @idempotent
    def partial_update(self, request, *args, **kwargs) -> Response:
        body = _valid(self.get_serializer(data=request.data, partial=True))
        with transaction.atomic():
            obj = self.locked_object()
            obj = self.change(
                user=request.user,
                **{self.object_name: obj},
                **self.relations(body.validated_data),
                **body.service_fields(),
            )
        return self.respond(obj)


class ActivityViewSet(_CooperationViewSet):
    """The activities of the partnerships you may read. Managers of a partnership's members
    record and edit them."""

    collection = "partnership_activities"
    serializer_class = ActivitySerializer

    def get_queryset(self):
        return activities_visible_to(self.request.user)

    def unscoped_queryset(self):
        return Activity._base_manager.all()


class EventViewSet(_CooperationViewSet):
    """The events of the partnerships you may read. Any official of a member records one;
    who recorded it and the members' managers edit it."""

    collection = "partnership_events"
    serializer_class = EventSerializer
    add = staticmethod(services.event_add)
    change = staticmethod(services.event_update)
    object_name = "event"

    def get_queryset(self):
        return events_visible_to(self.request.user)

    def unscoped_queryset(self):
        return Event._base_manager.all()

    def relations(self, data: dict) -> dict:
        if "participants" not in data:
            return {}
        return {"participants": list(data["participants"])}


ROUTES = [
    ("partnerships", PartnershipViewSet, "partnership"),
    ("partnership-activities", ActivityViewSet, "partnership-activity"),
    ("partnership-events", EventViewSet, "partnership-event"),
]
EXTRA_PATHS: list = []
