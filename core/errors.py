"""A service's ValidationError on the page: as messages on the page a view redirects to, or on
the form it shows again. One way for every view."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_error_messages(request: HttpRequest, form: forms.Form) -> None:
    error_messages(request, ValidationError(form.errors.as_data()))


def add_service_errors(
    form: forms.Form, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """A service's errors on the form: under the fields it has (a service may name a field
    otherwise: `aliases`), the rest above it. Never Django's ValueError for a field the form
    lacks."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    aliases = aliases or {}
    for name, errors in error.error_dict.items():
        name = aliases.get(name, name)
        form.add_error(name if name in form.fields else None, errors)
