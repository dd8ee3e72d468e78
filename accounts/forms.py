from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User, validate_phone
from accounts.services import TOKEN_LIFETIMES_DAYS
from accounts.signup import name_field

_MATCH_EMAILS = User._meta.get_field("match_emails")


class NotificationPreferencesForm(forms.Form):
    """Not a ModelForm: the service saves the choice, so validating must not change the user."""

    match_emails = forms.ChoiceField(
        label=capfirst(_MATCH_EMAILS.verbose_name),
        help_text=_MATCH_EMAILS.help_text,
        choices=User.MatchEmails.choices,
        widget=forms.RadioSelect,
    )


def _optional_field(name: str, autocomplete: str, **kwargs) -> forms.CharField:
    """A form field for an optional text of the user."""
    field = User._meta.get_field(name)
    return forms.CharField(
        label=capfirst(field.verbose_name),
        help_text=field.help_text,
        max_length=field.max_length,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
        **kwargs,
    )


class ProfileForm(forms.Form):
    """Not a ModelForm, for the same reason; the name is required, as at sign-up."""

    first_name = name_field("first_name", _("First name"), "given-name")
    last_name = name_field("last_name", _("Last name"), "family-name")
    function = _optional_field("function", "organization-title")
    phone = _optional_field("phone", "tel", validators=[validate_phone])


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses the token, e.g. “our city's needs register”."),
    )
    lifetime = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[
            *((days, _("%(days)d days") % {"days": days}) for days in TOKEN_LIFETIMES_DAYS),
            (0, _("Until I revoke it")),
        ],
        initial=TOKEN_LIFETIMES_DAYS[1],
        help_text=_("After that the token stops working; you can revoke it any time before."),
    )
    # Which form this is (see accounts.views.api_tokens): a form sent twice creates one token.
    form_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
