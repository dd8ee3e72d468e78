"""The base of every collection that API clients mirror: listing is the change feed, a read
carries an ETag, a write takes If-Match and Idempotency-Key. Apps subclass it in their api.py
with a `collection` name, a scoped `get_queryset()` and their serializers."""

from django.db import transaction
from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from core.api.conditional import check_if_match, etag_of, not_modified
from core.api.feed import Feed, Reason, page_size

UUID_PATTERN = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"

FEED_PARAMETERS = [
    OpenApiParameter(
        "since",
        {"type": "string", "minLength": 1},
        description=(
            "The `cursor` of the previous page. Without it the first page of a full sync: "
            "everything you may see. See the sync contract in the API's description."
        ),
    ),
    OpenApiParameter(
        "page_size", OpenApiTypes.INT, description="Objects per page: 50 unless asked, at most 200."
    ),
]


class FeedPages(BasePagination):
    """How the schema describes a feed page; MirroredViewSet.list makes the pages itself."""

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results", "cursor", "more"],
            "properties": {
                "results": {
                    "type": "array",
                    "items": {"oneOf": [schema["items"], TOMBSTONE]},
                    "description": "Objects as they are now, or tombstones, oldest change first.",
                },
                "cursor": {"type": "string", "description": "Where to continue: `since`."},
                "more": {"type": "boolean", "description": "Ask again at once with the cursor."},
            },
        }

    def get_schema_operation_parameters(self, view) -> list:
        return []  # FEED_PARAMETERS, declared on list()


TOMBSTONE = {
    "type": "object",
    "required": ["id", "deleted", "reason"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "deleted": {"type": "boolean", "enum": [True]},
        "reason": {"type": "string", "enum": list(Reason.ALL)},
    },
    "description": "An object that left your sight: delete your copy.",
}


class MirroredViewSet(GenericViewSet):
    collection: str = ""
    pagination_class = FeedPages
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN

    def unscoped_queryset(self) -> QuerySet:
        """The objects as they are, seen or not, for deciding tombstones (with what
        `tombstone_reason` reads joined)."""
        return self.get_queryset().model._base_manager.all()

    def tombstone_reason(self, obj: Model) -> str | None:
        """Why an object the caller cannot see now left their sight; None where they never saw
        it (it is then left out of their feed)."""
        return None

    @extend_schema(parameters=FEED_PARAMETERS)
    def list(self, request, *args, **kwargs) -> Response:
        feed = Feed(
            self.collection,
            self.get_queryset(),
            self.unscoped_queryset(),
            request.user,
            self.tombstone_reason,
        )
        page = feed.page(
            request.query_params.get("since"), page_size(request.query_params.get("page_size"))
        )
        objects = [item for item in page.items if not isinstance(item, dict)]
        # One serializer for the page: REST framework copies a serializer's fields for every
        # instance it makes, which cost three quarters of a page's time one by one.
        serialized = iter(self.get_serializer(objects, many=True).data)
        results = [item if isinstance(item, dict) else next(serialized) for item in page.items]
        return Response({"results": results, "cursor": page.cursor.dumps(), "more": page.more})

    def retrieve(self, request, *args, **kwargs) -> Response:
        data = self.get_serializer(self.get_object()).data
        etag = etag_of(data)
        if not_modified(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})

    def locked_object(self) -> Model:
        """The object a write is about, locked until the write's transaction ends, once its
        If-Match precondition holds. Call it inside transaction.atomic()."""
        assert transaction.get_connection().in_atomic_block, "lock inside the write's transaction"
        found = self.get_object()  # 404 for what the caller may not see
        locked = self.get_queryset().select_for_update(of=("self",)).get(pk=found.pk)
        check_if_match(self.request, etag_of(self.get_serializer(locked).data))
        return locked

    def respond(self, obj: Model, status_code: int = status.HTTP_200_OK) -> Response:
        """The object as it is now, with its ETag."""
        fresh = self.get_queryset().filter(pk=obj.pk).first() or obj
        data = self.get_serializer(fresh).data
        return Response(data, status=status_code, headers={"ETag": etag_of(data)})
