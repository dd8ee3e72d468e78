"""Each StrictSerializer has fields of its own, bound to it, though plain ones are copied
shallowly: nothing one request binds or sets reaches another."""

from rest_framework import serializers

from core.api.fields import StrictSerializer


class Inner(StrictSerializer):
    reader = serializers.SerializerMethodField()

    def get_reader(self, _instance) -> str:
        return self.context["reader"]


class Outer(StrictSerializer):
    name = serializers.CharField(max_length=5)
    tags = serializers.ListField(child=serializers.CharField())
    inner = Inner(source="*")
    many = Inner(source="items", many=True)


def test_two_serializers_have_fields_of_their_own_bound_to_themselves():
    first, second = Outer(), Outer()

    for name in Outer._declared_fields:
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first
        assert second.fields[name].parent is second
    assert first.fields["tags"].child.parent is first.fields["tags"]
    assert first.fields["many"].child.parent is first.fields["many"]


def test_the_declared_fields_are_never_bound():
    Outer().fields  # noqa: B018 - building them is the test

    assert all(field.field_name is None for field in Outer._declared_fields.values())


def test_each_request_s_context_reaches_its_nested_fields():
    thing = {"name": "x", "tags": ["a"], "items": [{}]}

    for reader in ("first", "second"):
        shown = Outer(thing, context={"reader": reader}).data
        assert shown["inner"] == {"reader": reader}
        assert shown["many"] == [{"reader": reader}]


def test_a_plain_field_s_rules_still_hold_on_its_copy():
    refused = Outer(data={"name": "too long", "tags": [], "inner": {}, "many": []})

    assert not refused.is_valid()
    assert "name" in refused.errors
