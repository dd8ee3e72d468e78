"""API tokens as the REST framework checks them: django-rest-knox's SHA-512 digests, plus
when a token was last used (shown on the account page), written at most once a minute. An
expired or revoked token answers 401."""

from datetime import timedelta

from django.db.models import Q
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
        ApiTokenDetails.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=timezone.now() - LAST_USED_PRECISION),
            token=token,
        ).update(last_used_at=timezone.now())
        return user, token


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
