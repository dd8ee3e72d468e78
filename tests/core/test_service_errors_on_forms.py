"""A service's ValidationError lands on the form it came through: under the fields the form has,
above it otherwise (Django's add_error would raise for a field the form lacks: a 500)."""

from django import forms
from django.core.exceptions import ValidationError

from core.errors import add_service_errors


class NameForm(forms.Form):
    name = forms.CharField()


def _form() -> NameForm:
    form = NameForm({"name": "Lviv"})
    assert form.is_valid()
    return form


def test_an_error_on_a_field_of_the_form_shows_under_it():
    form = _form()
    add_service_errors(form, ValidationError({"name": "Taken."}))
    assert form.errors == {"name": ["Taken."]}


def test_an_error_on_a_field_the_form_lacks_shows_above_it():
    form = _form()
    add_service_errors(form, ValidationError({"coordinates": "Too close to Lviv."}))
    assert form.non_field_errors() == ["Too close to Lviv."]


def test_a_service_s_name_for_a_field_is_read_through_the_aliases():
    form = _form()
    add_service_errors(form, ValidationError({"name_uk": "Taken."}), {"name_uk": "name"})
    assert form.errors == {"name": ["Taken."]}


def test_an_error_without_fields_shows_above_the_form():
    form = _form()
    add_service_errors(form, ValidationError("Not now."))
    assert form.non_field_errors() == ["Not now."]
