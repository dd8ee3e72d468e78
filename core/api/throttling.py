"""Rate limits per API token (or logged-in user) and per IP address, counted in the cache
(Redis). A client over its limit gets 429 with Retry-After. With Redis unreachable the cache
answers as an empty one (core/cache.py), so the limits let requests through."""

from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    """Per API token; per user for the browser's session."""

    scope = "token"

    def get_cache_key(self, request, view) -> str | None:
        token_key = getattr(request.auth, "token_key", None)
        if token_key:
            return self.cache_format % {"scope": self.scope, "ident": token_key}
        if request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None


class IPRateThrottle(SimpleRateThrottle):
    """Per IP address, for every request (anonymous ones are only limited here)."""

    scope = "ip"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
