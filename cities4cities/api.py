"""The one router of the REST API at /api/v1/: each app contributes its viewsets in its
api.py (`ROUTES`), the schema and the interactive docs sit beside them."""

from django.urls import URLPattern, include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from matching import api as matching_api
from municipalities import api as municipalities_api
from needs import api as needs_api
from offers import api as offers_api
from partnerships import api as partnerships_api
from postings import api as postings_api

APPS = (postings_api, municipalities_api, needs_api, offers_api, matching_api, partnerships_api)

router = DefaultRouter()
for app in APPS:
    for prefix, viewset, basename in app.ROUTES:
        router.register(prefix, viewset, basename=basename)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@throttle_classes([])
def not_found(request, path: str = ""):
    """Anything under /api/v1/ that matches no endpoint: a 404 in the API's own shape."""
    raise NotFound


urlpatterns: list[URLPattern] = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *(path(route, view, name=name) for app in APPS for route, view, name in app.EXTRA_PATHS),
    path("", include(router.urls)),
    re_path(r"^(?P<path>[\s\S]*)$", not_found),  # [\s\S]: a newline too
]
