"""What people may write on partnerships, activities and events (the original language's
text is required by the models: WrittenInOneLanguage.require_original)."""

from django.db import models

from core.languages import localized_fields

PARTNERSHIP_FIELDS = frozenset(
    {
        "kind",
        "original_language",
        "started_on",
        "signed_on",
        "languages",
        *localized_fields("title", "description"),
    }
)
ACTIVITY_FIELDS = frozenset(
    {
        "original_language",
        "sector",
        "status",
        "started_on",
        "ended_on",
        *localized_fields("title", "description", "outcome"),
    }
)
EVENT_FIELDS = frozenset(
    {"kind", "original_language", "held_on", "ends_on", "place", "link", *localized_fields("topic")}
)


def assign(obj: models.Model, fields: dict, allowed: frozenset[str]) -> set[str]:
    """Set the fields on the object; returns the names whose value changed."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    changed = set()
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if value is None and field.empty_strings_allowed and not field.null:
            value = ""
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.add(name)
    return changed
