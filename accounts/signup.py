"""The fields allauth's sign-up form adds to email and password (ACCOUNT_SIGNUP_FORM_CLASS): a
name, so that people are not shown as email addresses. allauth's adapter saves them
(accounts.adapter)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


def name_field(name: str, label: str, autocomplete: str) -> forms.CharField:
    """Required, and as long as the column: allauth would cut a longer name to fit."""
    return forms.CharField(
        label=label,
        max_length=User._meta.get_field(name).max_length,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


class SignupNameForm(forms.Form):
    first_name = name_field("first_name", _("First name"), "given-name")
    last_name = name_field("last_name", _("Last name"), "family-name")

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user: User) -> None:
        """allauth's hook after the user is saved; the adapter has set the name already."""
