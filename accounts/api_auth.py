"""API tokens as the REST framework checks them: django-rest-knox's SHA-512 digests, plus
when a token was last used (shown on the account page), written at most once a minute. An
expired or revoked token answers 401."""

import math
import time
from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from knox.models import AuthToken

from accounts.models import ApiTokenDetails, User

LAST_USED_PRECISION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    def _cleanup_token(self, auth_token: AuthToken) -> bool:
        """An expired token answers 401 but is kept: the account page shows it as expired
        until its owner revokes it, so that a program that stopped working can be traced to its
        token. (knox would delete it, and load and delete every expired token of the user on
        every request.)"""
        return auth_token.expiry is not None and auth_token.expiry <= timezone.now()

    def validate_user(self, auth_token: AuthToken) -> tuple[User, AuthToken]:
        user, token = super().validate_user(auth_token)
        if _due_for_a_record(token.digest):
            ApiTokenDetails.objects.filter(token=token).update(last_used_at=timezone.now())
        return user, token


# digest → when this process last recorded the token's use: most requests write nothing.
_recorded: dict[str, float] = {}


def _due_for_a_record(digest: str) -> bool:
    now = time.monotonic()
    if now - _recorded.get(digest, -math.inf) < LAST_USED_PRECISION.total_seconds():
        return False
    if len(_recorded) > 10_000:  # tokens come and go; forget the old ones now and then
        _recorded.clear()
    _recorded[digest] = now
    return True


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token from your account page: `Authorization: Bearer c4c_…`",
        }
