"""The cache (Redis) as a help, never a dependency: with Redis unreachable every cache call
answers as an empty cache would and writes go nowhere, with a warning in the log, so that
logging in, signing up or reading a page keeps working (rate limits then let requests through,
and /health/ reports the platform as degraded)."""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARN_EVERY = 60.0  # seconds: one warning a minute and process is enough to see an outage
_last_warning = 0.0


def _warn(operation: str, error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > WARN_EVERY:
        _last_warning = now
        logger.warning(
            "Cache unreachable (%s: %s): working without it; rate limits are not checked.",
            operation,
            error,
        )


def _fail_open(name: str, empty: Callable[[tuple, dict], Any]) -> Callable:
    """RedisCache's method `name`, answering `empty(args, kwargs)` when Redis fails."""

    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            _warn(name, error)
            return empty(args, kwargs)

    method.__name__ = name
    return method


def _default(args: tuple, kwargs: dict):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class ResilientRedisCache(RedisCache):
    add = _fail_open("add", lambda args, kwargs: True)
    get = _fail_open("get", _default)
    set = _fail_open("set", lambda args, kwargs: None)
    touch = _fail_open("touch", lambda args, kwargs: False)
    delete = _fail_open("delete", lambda args, kwargs: False)
    get_many = _fail_open("get_many", lambda args, kwargs: {})
    has_key = _fail_open("has_key", lambda args, kwargs: False)
    incr = _fail_open("incr", lambda args, kwargs: kwargs.get("delta", 1))
    set_many = _fail_open("set_many", lambda args, kwargs: [])
    delete_many = _fail_open("delete_many", lambda args, kwargs: None)
    clear = _fail_open("clear", lambda args, kwargs: False)
