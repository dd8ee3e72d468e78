"""Per-user limits count in Redis over a sliding hour: the limit'th action passes, the next is
refused with how long to wait, the hour slides rather than resetting all at once, and with
Redis unreachable everything passes."""

import pytest
from django.test import override_settings

from core import limits
from core.limits import Limit, LimitReached, consume

HOUR = 3600
THREE_AN_HOUR = Limit("test_action", "TEST_LIMIT", HOUR, "%(count)d done.")


@pytest.fixture(autouse=True)
def three(settings):
    settings.TEST_LIMIT = 3


@pytest.fixture
def clock(monkeypatch):
    """The limits' clock, at the start of an hour window, moved by `clock.now += seconds`."""

    class Clock:
        now = 1_000 * HOUR

    monkeypatch.setattr(limits.time, "time", lambda: Clock.now)
    return Clock


def test_the_limit_passes_and_the_next_one_is_refused_with_the_wait(clock):
    for _ in range(3):
        consume(THREE_AN_HOUR, "user:1")
    clock.now += 10 * 60

    with pytest.raises(LimitReached) as refused:
        consume(THREE_AN_HOUR, "user:1")

    # The three count for the whole window, then weigh less as the next one goes on (as if they
    # had been spread over the hour): one more fits 20 minutes into the next window.
    assert refused.value.retry_after == 70 * 60
    assert refused.value.messages == ["3 done. You can go on in 70 minutes."]
    assert refused.value.code == "limit_reached"


def test_each_key_has_its_own_count(clock):
    for _ in range(3):
        consume(THREE_AN_HOUR, "user:1")
    consume(THREE_AN_HOUR, "user:2")
    with pytest.raises(LimitReached):
        consume(THREE_AN_HOUR, "user:1")


def test_a_refused_action_is_not_counted(clock):
    for _ in range(3):
        consume(THREE_AN_HOUR, "user:1")
    for _ in range(5):
        with pytest.raises(LimitReached):
            consume(THREE_AN_HOUR, "user:1")
    clock.now += HOUR + HOUR // 2  # halfway through the next window: 3 × ½ = 1.5 still count
    consume(THREE_AN_HOUR, "user:1")


def test_the_hour_slides_instead_of_starting_afresh_at_the_window_s_edge(clock):
    clock.now += HOUR - 60  # a burst at the end of one window …
    for _ in range(3):
        consume(THREE_AN_HOUR, "user:1")
    clock.now += 120  # … still counts just after the edge
    with pytest.raises(LimitReached) as refused:
        consume(THREE_AN_HOUR, "user:1")
    # The previous window's 3 weigh (1 - t/hour); one more fits once they weigh ≤ 2: t ≥ 20 min.
    assert refused.value.retry_after == 20 * 60 - 60
    clock.now += refused.value.retry_after
    consume(THREE_AN_HOUR, "user:1")


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_with_redis_unreachable_every_action_passes(clock, caplog):
    for _ in range(10):
        consume(THREE_AN_HOUR, "user:1")
    assert "rate limits are not checked" in caplog.text
