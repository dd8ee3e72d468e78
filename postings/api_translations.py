"""How the API shows a posting's machine translations: beside `title` and `description` (what
the municipality wrote, per language), an object of what the platform translated."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.languages import LANGUAGE_CODES
from postings.models import MACHINE_TRANSLATED_FIELDS, TRANSLATIONS_ATTRIBUTE, Posting

_TRANSLATION = {
    "type": "object",
    "properties": {
        "text": {"type": "string"},
        "machine": {
            "type": "boolean",
            "description": "true: machine translated; false: corrected by an official of "
            "the municipality.",
        },
    },
    "required": ["text", "machine"],
}
_PER_LANGUAGE = {
    "type": "object",
    "properties": {code: {**_TRANSLATION} for code in LANGUAGE_CODES},
    "additionalProperties": False,
}
SCHEMA = {
    "type": "object",
    "properties": {field: {**_PER_LANGUAGE} for field in MACHINE_TRANSLATED_FIELDS},
    "required": list(MACHINE_TRANSLATED_FIELDS),
    "additionalProperties": False,
}


@extend_schema_field(SCHEMA)
class TranslationsField(serializers.Field):
    """`{"title": {"de": {"text": "…", "machine": true}}, "description": {…}, "logistics": {…},
    "unit": {…}}`: the platform's translations of the current texts (read only; needs the
    postings loaded with postings.selectors.translations_prefetch(), or, for the API's lists,
    with_translations_in_row())."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, posting: Posting) -> dict:
        texts: dict[str, dict] = {field: {} for field in MACHINE_TRANSLATED_FIELDS}
        for row in posting.__dict__.get(TRANSLATIONS_ATTRIBUTE) or ():
            if row.translates(posting.original(row.field)):
                texts[row.field][row.language] = {"text": row.text, "machine": row.machine}
        return texts
