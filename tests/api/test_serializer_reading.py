"""StrictSerializer reads objects faster than DRF but by DRF's rules: what DRF shows, it shows."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers

from core.api.fields import StrictSerializer


class Shown(StrictSerializer):
    plain = serializers.CharField()
    renamed = serializers.CharField(source="other")
    method = serializers.CharField(source="greeting")
    nested = serializers.CharField(source="inner.name")
    missing_with_default = serializers.CharField(default="default")
    missing_nullable = serializers.CharField(allow_null=True)
    missing_optional = serializers.CharField(required=False)
    gone = serializers.CharField(allow_null=True)
    secret = serializers.CharField(write_only=True)
    nothing = serializers.CharField(allow_null=True)


class Thing:
    plain = "plain"
    other = "other"
    nothing = None
    inner = SimpleNamespace(name="inner")
    secret = "never shown"

    def greeting(self) -> str:
        return "hello"

    reads_of_gone = 0

    @property
    def gone(self):
        type(self).reads_of_gone += 1
        raise ObjectDoesNotExist


def test_an_object_reads_as_drf_reads_it():
    ours = Shown(Thing()).data
    assert ours == serializers.Serializer.to_representation(Shown(), Thing())
    assert ours == {
        "plain": "plain",
        "renamed": "other",
        "method": "hello",
        "nested": "inner",
        "missing_with_default": "default",
        "missing_nullable": None,
        "gone": None,
        "nothing": None,
    }


def test_a_mapping_reads_as_drf_reads_it():
    row = {"plain": "p", "other": "o", "greeting": "g", "inner": {"name": "n"}, "gone": None}
    assert Shown(row).data == serializers.Serializer.to_representation(Shown(), row)


def test_a_required_attribute_that_is_missing_is_still_an_error():
    class Strict(StrictSerializer):
        absent = serializers.CharField()

    with pytest.raises(AttributeError, match="absent"):
        Strict(Thing()).data  # noqa: B018 - reading it is the test


def test_a_related_object_that_is_not_there_is_read_once():
    thing = Thing()
    Thing.reads_of_gone = 0

    assert Shown(thing).data["gone"] is None

    assert Thing.reads_of_gone == 1
