from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts.language import remember_language_choice
from core.health import platform_health


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    healthy, status = platform_health()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembered on the account (after login, if need be)."""
    response = django_set_language(request)
    remember_language_choice(request, request.POST.get("language", ""))
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.bad_request(request, exception, template_name="errors/400.html")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.permission_denied(request, exception, template_name="errors/403.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.page_not_found(request, exception, template_name="errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    return defaults.server_error(request, template_name="errors/500.html")
