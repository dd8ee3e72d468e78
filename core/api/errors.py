"""One shape for every 4xx: RFC 9457 problem details (application/problem+json), with the
field errors of a 400 in `errors`, so that a client can name the field it got wrong:

    {"type": "https://cities4cities.eu/problems/invalid", "title": "The request is not valid.",
     "status": 400, "code": "invalid", "detail": "...", "errors": {"quantity": ["..."]}}
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from core.languages import LANGUAGE_CODES
from core.limits import LimitReached

PROBLEM_TYPES = "https://cities4cities.eu/problems/"
CONTENT_TYPE = "application/problem+json"
NON_FIELD = "non_field_errors"

TITLES = {
    400: _("The request is not valid."),
    401: _("Authentication is needed."),
    403: _("You may not do this."),
    404: _("Not found."),
    405: _("This method is not allowed here."),
    406: _("This representation is not available."),
    409: _("This conflicts with a request still running."),
    410: _("This is gone."),
    412: _("The object has changed since you read it."),
    413: _("The request is too large."),
    415: _("This content type is not supported."),
    422: _("This key was used with another request."),
    429: _("Too many requests."),
}


class Problem(exceptions.APIException):
    """A 4xx of our own (409, 410, 412, 413, 422, 429); `code` tells a program what to do."""

    def __init__(self, status_code: int, code: str, detail: str, **headers: str) -> None:
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.headers = headers


def field_errors(detail) -> dict[str, list[str]]:
    """DRF's nested error detail flattened to {"field": [...], "field.sub": [...]}; errors
    about the request as a whole under "non_field_errors"."""
    errors: dict[str, list[str]] = {}

    def walk(value, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list) and not all(isinstance(item, str) for item in value):
            for index, inner in enumerate(value):
                walk(inner, f"{path}.{index}" if path else str(index))
        elif value:
            messages = value if isinstance(value, list) else [value]
            errors.setdefault(path or NON_FIELD, []).extend(str(message) for message in messages)

    walk(detail, "")
    return errors


def _api_field(field: str) -> str:
    """A model field's name as the API names it: `title_uk` is `title.uk` (texts per language
    are objects), `__all__` the non-field errors."""
    if field == "__all__":
        return NON_FIELD
    name, _sep, language = field.rpartition("_")
    return f"{name}.{language}" if name and language in LANGUAGE_CODES else field


def _from_django_validation(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ValidationError: its field errors under the API's names, the rest as
    non-field."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {
                _api_field(field): [message for item in items for message in item.messages]
                for field, items in error.error_dict.items()
            }
        )
    return exceptions.ValidationError({NON_FIELD: error.messages})


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, LimitReached):
        return Problem(429, "limit_reached", exc.message, **{"Retry-After": str(exc.retry_after)})
    if isinstance(exc, DjangoValidationError):
        return _from_django_validation(exc)
    if isinstance(exc, RequestDataTooBig):
        return Problem(413, "too_large", str(TITLES[413]))
    return None


def problem_response(exc: exceptions.APIException) -> Response:
    structured = isinstance(exc.detail, dict | list)
    code = "invalid" if structured else str(exc.get_codes())
    body = {
        "type": PROBLEM_TYPES + code,
        "title": str(TITLES.get(exc.status_code, exc.default_detail)),
        "status": exc.status_code,
        "code": code,
        "detail": str(TITLES[400]) if structured else str(exc.detail),
    }
    if structured:
        body["errors"] = field_errors(exc.detail)
    headers = dict(getattr(exc, "headers", {}))
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(max(int(exc.wait), 1))
    return Response(body, status=exc.status_code, headers=headers, content_type=CONTENT_TYPE)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's EXCEPTION_HANDLER: problem details for everything a client can cause; None (a
    logged 500) for anything else."""
    api_exception = _as_api_exception(exc)
    if api_exception is None:
        return None
    set_rollback()
    return problem_response(api_exception)
