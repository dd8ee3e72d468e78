from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache

from core.health import UNAVAILABLE, platform_health


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page links."""
    return redirect(static("favicon.svg"), permanent=True)


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 while the site can serve (degraded included), 503 without the database: a load
    balancer keeps a degraded instance, the JSON says what is missing."""
    status = platform_health()
    return JsonResponse(status, status=503 if status["status"] == UNAVAILABLE else 200)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.bad_request(request, exception, template_name="errors/400.html")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.permission_denied(request, exception, template_name="errors/403.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.page_not_found(request, exception, template_name="errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    return defaults.server_error(request, template_name="errors/500.html")
