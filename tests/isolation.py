"""A PostgreSQL test database and a Redis database for each test process alone (loaded by
tests/conftest.py), so that pytest-xdist's workers, and test runs side by side (a developer's
`make test` and CI, two checkouts), never see each other's rows, cache keys, rate limits or
Celery queues.

Both are held by something the server forgets when the process dies, however it dies, so a
killed run leaves nothing that blocks later runs or piles up:

- PostgreSQL: the process holds advisory lock `slot` on a connection of its own and tests in
  test_<NAME>_<slot>. Slots are reused, so a killed run's database is dropped by the next
  process that takes its slot rather than left forever; a finished run drops its own
  (pytest-django).
- Redis: a database belongs to the process whose open connection is named by its OWNER key. A
  process takes a database that is empty or whose owner's connection is gone, and empties it
  when it is done; a database holding anything else is never touched.
"""

from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import NO_DB_ALIAS
from django.test import override_settings

from cities4cities.celery import app as celery_app
from tests.celery_worker import _fresh_broker_connections

SLOT_LOCK = 0xC4C  # the first half of our advisory lock keys; the slot is the second
SLOTS = 100
OWNER = "c4c-tests:owner"
# Make the database ours (ARGV[1]) if it is empty, or if it is owned by ARGV[2], an owner
# found to be gone. Atomic, so two processes never both get it.
CLAIM = """
local owner = redis.call('GET', KEYS[1])
if (not owner and redis.call('DBSIZE') == 0) or owner == ARGV[2] then
    redis.call('FLUSHDB')
    redis.call('SET', KEYS[1], ARGV[1])
    return 1
end
return 0
"""


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_blocker, django_db_keepdb):
    """Replaces pytest-django's suffix per xdist worker (_gw0, ...), which two runs share."""
    default = connections[DEFAULT_DB_ALIAS]
    holder = type(default)({**default.settings_dict, "NAME": None}, alias=NO_DB_ALIAS)
    with django_db_blocker.unblock(), holder.cursor() as cursor:
        slot = next((n for n in range(SLOTS) if _lock(cursor, n)), None)
        if slot is None:
            raise RuntimeError(f"{SLOTS} test processes hold a database on this server already")
        name = f"test_{default.settings_dict['NAME']}_{slot}"
        if not django_db_keepdb:  # else --reuse-db reuses it
            # A killed run's database; its Celery worker may still be connected.
            cursor.execute(f"DROP DATABASE IF EXISTS {default.ops.quote_name(name)} WITH (FORCE)")
    default.settings_dict["TEST"]["NAME"] = name
    yield
    holder.close()


def _lock(cursor, slot: int) -> bool:
    cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [SLOT_LOCK, slot])
    return cursor.fetchone()[0]


@pytest.fixture(scope="session", autouse=True)
def _own_redis_database():
    """The cache, the rate limits and the Celery broker (so also the real worker of
    tests/celery_worker.py, and the workers `/health/` pings) in a database of our own."""
    owner, url = _claim_redis_database(settings.REDIS_URL)
    cache = {**settings.CACHES["default"], "LOCATION": url}
    with override_settings(REDIS_URL=url, CELERY_BROKER_URL=url, CACHES={"default": cache}):
        celery_app.conf.broker_url = url
        _fresh_broker_connections()
        yield
    owner.flushdb()
    owner.close()


def _claim_redis_database(url: str) -> tuple[redis.Redis, str]:
    """The owning connection and the URL of the database: the one `url` names if free, else
    the first free one counting down from 15; never 0, the app's."""
    named = redis.connection.parse_url(url).get("db") or 15
    for db in dict.fromkeys([named, *range(15, 0, -1)]):
        db_url = urlunsplit(urlsplit(url)._replace(path=f"/{db}"))
        owner = redis.Redis.from_url(db_url, single_connection_client=True)
        try:
            if _claim(owner):
                return owner, db_url
        except redis.ResponseError:  # the server has fewer databases
            pass
        owner.close()
    raise RuntimeError(f"No free Redis database for the tests at {url}")


def _claim(owner: redis.Redis) -> bool:
    claim = owner.register_script(CLAIM)
    me = owner.client_id()
    if claim(keys=[OWNER], args=[me, ""]):
        return True
    previous = owner.get(OWNER)
    connected = {int(client["id"]) for client in owner.client_list()}
    return (
        previous is not None
        and int(previous) not in connected
        and claim(keys=[OWNER], args=[me, previous])
    )
