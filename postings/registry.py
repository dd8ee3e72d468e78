"""The concrete posting models (Need, Offer), found without importing the apps above this one."""

from django.apps import apps

from postings.models import Posting


def posting_models() -> list[type[Posting]]:
    return [model for model in apps.get_models() if issubclass(model, Posting)]


def posting_model(label: str) -> type[Posting]:
    """`needs.need` → Need; LookupError for anything that is not a posting model."""
    model = apps.get_model(label)
    if not issubclass(model, Posting):
        raise LookupError(label)
    return model
