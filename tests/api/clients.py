"""API clients for tests: one that sends a fresh API token of a user, as a sync client does."""

from datetime import timedelta

from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import api_token_create


def token_client(user: User, *, lifetime: timedelta | None = None) -> APIClient:
    """An APIClient that authenticates with a new API token of `user` (`Authorization: Bearer
    c4c_...`), as a city's own system would; no session, no CSRF."""
    _details, text = api_token_create(user=user, name="tests", lifetime=lifetime)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    return client
