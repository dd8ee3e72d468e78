"""Rate limits per API token (or logged-in user) and per IP address, counted in Redis.

A client over its limit gets 429 with Retry-After. With Redis unreachable the limits fail
open, with a warning in the log: a cache outage must not take the API down.
"""

import logging

from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)


class _FailOpen(SimpleRateThrottle):
    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except (RedisError, OSError) as error:
            logger.warning("API rate limit %s not checked: %s", self.scope, error)
            return True


class TokenRateThrottle(_FailOpen):
    """Per API token; per user for the browser's session."""

    scope = "token"

    def get_cache_key(self, request, view) -> str | None:
        token_key = getattr(request.auth, "token_key", None)
        if token_key:
            return self.cache_format % {"scope": self.scope, "ident": token_key}
        if request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None


class IPRateThrottle(_FailOpen):
    """Per IP address, for every request (anonymous ones are only limited here)."""

    scope = "ip"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
