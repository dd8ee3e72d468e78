"""Health checks of the services the platform depends on."""

import redis
from celery import current_app
from django.conf import settings
from django.db import connection

OK = "ok"
DEGRADED = "degraded"
UNAVAILABLE = "unavailable"


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return UNAVAILABLE
    return OK


def check_redis() -> str:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        return UNAVAILABLE
    finally:
        client.close()
    return OK


def check_worker() -> str:
    """Whether at least one Celery worker answers a ping (informational only)."""
    try:
        replies = current_app.control.ping(timeout=0.5)
    except Exception:
        return UNAVAILABLE
    return OK if replies else UNAVAILABLE


def platform_health() -> dict[str, str]:
    """Each service's state, and overall: "ok"; "degraded" while Redis or the worker is
    missing (pages work; rate limits, emails and matching wait); "unavailable" without the
    database."""
    status = {"database": check_database(), "redis": check_redis()}
    status["worker"] = check_worker() if status["redis"] == OK else UNAVAILABLE
    if status["database"] != OK:
        overall = UNAVAILABLE
    elif status["redis"] != OK or status["worker"] != OK:
        overall = DEGRADED
    else:
        overall = OK
    return {"status": overall, **status}
