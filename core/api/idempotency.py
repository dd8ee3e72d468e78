"""Idempotency-Key on writes: a client that retries after a timeout never acts twice.

The same key with the same request within a day returns the first response (with the header
`Idempotent-Replayed: true`); the same key with another request answers 422
(`idempotency_key_reused`); a retry while the first request is still running answers 409
(`request_in_progress`) with Retry-After. Keys are scoped to the API token (or, in the browser,
to the session's user). Only responses below 500 are kept; after an error the key is freed and
the client may retry.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from core.api.errors import Problem
from core.models import IdempotencyKey

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
# A request still marked running after this has died (the worker timeout is far shorter).
ABANDONED_AFTER = timedelta(minutes=5)
REPLAYED_HEADERS = ("ETag", "Location")
MAX_KEY_LENGTH = 255


def scope_of(request: Request) -> str:
    token = getattr(request.auth, "digest", None)
    return f"token:{token}" if token else f"session:{request.user.pk}"


def request_hash(request: Request) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _claim(scope: str, key: str, fingerprint: str) -> IdempotencyKey | Response:
    """Our record of a new key, or the stored response to replay."""
    now = timezone.now()
    with transaction.atomic():
        IdempotencyKey.objects.filter(scope=scope, key=key, created_at__lt=now - KEPT_FOR).delete()
        IdempotencyKey.objects.filter(
            scope=scope,
            key=key,
            state=IdempotencyKey.State.RUNNING,
            created_at__lt=now - ABANDONED_AFTER,
        ).delete()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(scope=scope, key=key, request_hash=fingerprint)
    except IntegrityError:
        pass
    first = IdempotencyKey.objects.get(scope=scope, key=key)
    if first.request_hash != fingerprint:
        raise Problem(
            422,
            "idempotency_key_reused",
            _("This Idempotency-Key was used with a different request."),
        )
    if first.state == IdempotencyKey.State.RUNNING:
        raise Problem(
            409,
            "request_in_progress",
            _("A request with this Idempotency-Key is still running; retry shortly."),
            **{"Retry-After": "1"},
        )
    response = Response(first.response_body, status=first.status_code)
    for name, value in first.response_headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(view_method: Callable) -> Callable:
    """For a viewset's write methods: honour the Idempotency-Key header when there is one."""

    @wraps(view_method)
    def wrapper(self, request: Request, *args, **kwargs) -> Response:
        key = request.headers.get(HEADER)
        if not key:
            return view_method(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise Problem(400, "invalid", _("An Idempotency-Key has at most 255 characters."))
        claimed = _claim(scope_of(request), key, request_hash(request))
        if isinstance(claimed, Response):
            return claimed
        try:
            with transaction.atomic():
                response = view_method(self, request, *args, **kwargs)
                if response.status_code >= 500:
                    raise _Unkept(response)
                claimed.state = IdempotencyKey.State.DONE
                claimed.status_code = response.status_code
                claimed.response_body = json.loads(json.dumps(response.data, cls=JSONEncoder))
                claimed.response_headers = {
                    name: response[name] for name in REPLAYED_HEADERS if response.has_header(name)
                }
                claimed.save()
        except _Unkept as unkept:
            claimed.delete()
            return unkept.response
        except Exception:
            claimed.delete()
            raise
        return response

    return wrapper


class _Unkept(Exception):
    """A 5xx answer: not kept, so that a retry runs again."""

    def __init__(self, response: Response) -> None:
        self.response = response


def purge_old_keys() -> int:
    deleted, _by_model = IdempotencyKey.objects.filter(
        created_at__lt=timezone.now() - KEPT_FOR
    ).delete()
    return deleted
