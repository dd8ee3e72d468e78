"""The API's timestamps read exactly as DRF's DateTimeField writes them, in the site's zone."""

from datetime import UTC, datetime

import pytest
from rest_framework import serializers

from core.api.fields import Timestamp

MOMENTS = [
    datetime(2026, 1, 15, 9, 30, tzinfo=UTC),  # winter: +01:00 in Brussels
    datetime(2026, 7, 1, 23, 59, 59, 123456, tzinfo=UTC),  # summer: +02:00, the next day
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # the hour the clocks go forward
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_timestamp_reads_as_drf_writes_it(moment):
    assert Timestamp().to_representation(moment) == serializers.DateTimeField(
        read_only=True
    ).to_representation(moment)


def test_a_timestamp_carries_the_site_s_offset():
    assert Timestamp().to_representation(MOMENTS[1]) == "2026-07-02T01:59:59.123456+02:00"


def test_in_utc_a_timestamp_ends_in_z(settings):
    settings.TIME_ZONE = "UTC"
    assert Timestamp().to_representation(MOMENTS[0]) == "2026-01-15T09:30:00Z"


def test_a_missing_timestamp_is_null():
    assert Timestamp().to_representation(None) is None
