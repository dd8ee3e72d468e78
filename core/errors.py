"""Turning a service's ValidationError, or a small form's errors, into messages on the page the
view redirects to: one way for every view."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_error_messages(request: HttpRequest, form: forms.Form) -> None:
    error_messages(request, ValidationError(form.errors.as_data()))
