from django import forms
from django.utils.text import capfirst

from accounts.models import User

_MATCH_EMAILS = User._meta.get_field("match_emails")


class NotificationPreferencesForm(forms.Form):
    """Not a ModelForm: the service saves the choice, so validating must not change the user."""

    match_emails = forms.ChoiceField(
        label=capfirst(_MATCH_EMAILS.verbose_name),
        help_text=_MATCH_EMAILS.help_text,
        choices=User.MatchEmails.choices,
        widget=forms.RadioSelect,
    )
