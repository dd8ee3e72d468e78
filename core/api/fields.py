"""Serializer fields shared by every app's API."""

import copy
import re
import uuid
from collections.abc import Callable, Mapping

from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from core.languages import LANGUAGE_CODES, localized_field

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
_TEXTS = {
    "type": "object",
    "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGE_CODES},
    "additionalProperties": False,
}


@extend_schema_field(_TEXTS)
class TranslatedTextField(serializers.Field):
    """A field stored per language (modeltranslation) as one object, language → text:
    `{"uk": "Лікарняні ліжка", "de": "Krankenhausbetten", "en": null, ...}`.

    A write may send any subset of the languages; `null` or "" removes a translation. The
    rules on the texts (the original language's is required) are the services'."""

    default_error_messages = {
        "not_an_object": _("Expected an object of language codes and texts."),
        "unknown_language": _("Unknown language: %(code)s."),
        "not_text": _("Expected a text for %(code)s."),
        "too_long": _("At most %(max)d characters for %(code)s."),
    }

    def __init__(self, model_field: str, max_length: int, **kwargs) -> None:
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)
        self.model_field = model_field
        self.max_length = max_length
        self.columns = [(code, localized_field(model_field, code)) for code in LANGUAGE_CODES]

    def to_representation(self, instance) -> dict[str, str | None]:
        return {code: getattr(instance, column, None) or None for code, column in self.columns}

    def to_internal_value(self, data) -> dict[str, str | None]:
        if not isinstance(data, dict):
            self.fail("not_an_object")
        texts = {}
        for code, text in data.items():
            if code not in LANGUAGE_CODES:
                self.fail("unknown_language", code=code)
            if text is not None and not isinstance(text, str):
                self.fail("not_text", code=code)
            text = (text or "").strip() or None
            if text is not None and len(text) > self.max_length:
                self.fail("too_long", code=code, max=self.max_length)
            if text is not None:
                ProhibitNullCharactersValidator()(text)
            texts[localized_field(self.model_field, code)] = text
        return texts


class Timestamp(serializers.DateTimeField):
    """A moment (read only), in ISO 8601 with the site's offset, exactly as DateTimeField
    writes it. DateTimeField looks the active time zone up for every value, a sixth of a
    50-row list's time; the API never activates another zone, so the site's zone serves."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str | None:
        if value is None:
            return None
        text = value.astimezone(timezone.get_default_timezone()).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


class TextField(serializers.CharField):
    """A string, and only a string: 42 is a wrong type, not the text "42"."""

    def to_internal_value(self, data) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class SlugRelatedField(serializers.SlugRelatedField):
    """A related object by its slug; anything that cannot be a slug is refused before the
    database is asked (a NUL byte would make it fail)."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.UUID)
class UUIDRelatedField(serializers.SlugRelatedField):
    """A related object by its public uuid (integer keys never leave the server)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(slug_field="uuid", **kwargs)

    def to_internal_value(self, data):
        try:
            public_id = uuid.UUID(str(data))
        except (TypeError, ValueError, AttributeError):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(public_id)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so that a typo is an error rather than ignored. Read-only
    fields may come back as they were read; they are ignored."""

    @cached_property
    def _readers(self) -> list[tuple[str, serializers.Field, Callable]]:
        """Each field shown, with how it reads an object: worked out once per serializer, not
        once per object and field (DRF's generic lookup took a third of a 50-row list's time).
        The fields of a serializer are fixed once it is bound."""
        return [
            (field.field_name, field, _reader(field))
            for field in self.fields.values()
            if not field.write_only
        ]

    def get_fields(self) -> dict[str, serializers.Field]:
        """DRF deep-copies every declared field for each serializer, running its __init__ again
        (a twentieth of a 50-row page). Binding a field only sets attributes of its copy, so a
        plain field is copied shallowly; one that holds fields of its own (a serializer, a list,
        a many-relation) is deep-copied as DRF does, so that they are bound to the copy."""
        return {
            name: copy.deepcopy(field) if _holds_fields(field) else _shallow_copy(field)
            for name, field in self._declared_fields.items()
        }

    def to_representation(self, instance) -> dict:
        """DRF's, with the readers above."""
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        shown = {}
        for name, field, read in self._readers:
            try:
                attribute = read(instance)
            except SkipField:
                continue
            known = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            shown[name] = None if known is None else field.to_representation(attribute)
        return shown

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("This field is not known.")] for name in unknown}
                )
        return super().to_internal_value(data)


def _shallow_copy(field: serializers.Field) -> serializers.Field:
    """copy.copy, without its generic detour through __reduce_ex__."""
    clone = object.__new__(type(field))
    clone.__dict__.update(field.__dict__)
    return clone


def _holds_fields(field: serializers.Field) -> bool:
    return isinstance(field, serializers.BaseSerializer) or any(
        hasattr(field, name) for name in ("child", "child_relation", "fields")
    )


def _reader(field: serializers.Field) -> Callable:
    """How a field reads its value off an object: a field that reads one attribute takes it
    straight; anything else (a missing attribute, a method to call, a field that reads
    otherwise) goes through the field's own get_attribute, so DRF's rules hold unchanged."""
    generic = field.get_attribute
    plain = type(field).get_attribute is serializers.Field.get_attribute
    if not plain or field.source == "*" or len(field.source_attrs) != 1:
        return generic
    name = field.source_attrs[0]

    def read(instance):
        try:
            value = getattr(instance, name)
        except ObjectDoesNotExist:  # a related object that is not there: None, as DRF reads it
            return None
        except (KeyError, AttributeError):  # missing: DRF's default, skip or error
            return generic(instance)
        return generic(instance) if callable(value) else value

    return read
