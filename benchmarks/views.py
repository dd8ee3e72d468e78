"""Yardsticks, served by the same gunicorn as the API (benchmarks.urls):

- bare_needs: the same 50 rows as the needs list (the first page of an anonymous full sync:
  public needs in primary-key order) with about the same fields, read with values() and
  returned with JsonResponse: no REST framework, no serializer, no authentication, no rate
  limit, no change feed. What the API costs beyond this is what it adds.
- bare_empty: an empty JSON answer without a query: the floor of a request through gunicorn
  and the app's middleware, for the empty incremental call."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse

from needs.models import Need
from postings.selectors import public_postings

PAGE = 50
TEXTS = [f"{field}_{code}" for field in ("title", "description") for code, _n in settings.LANGUAGES]
FIELDS = [
    "uuid",
    "external_id",
    "municipality__uuid",
    "original_language",
    *TEXTS,
    "sector__slug",
    "topic__slug",
    "help_kind__slug",
    "quantity",
    "unit",
    "quantity_covered",
    "logistics",
    "status",
    "submitted_at",
    "hidden_at",
    "hidden_reason",
    "published_at",
    "last_confirmed_at",
    "closed_at",
    "created_at",
    "updated_at",
    "needed_by",
]


def bare_needs(request: HttpRequest) -> JsonResponse:
    rows = list(public_postings(Need).order_by("pk").values(*FIELDS)[:PAGE])
    return JsonResponse({"results": rows, "more": True})


def bare_empty(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"results": [], "more": False})
