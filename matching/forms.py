"""The small forms of a match page; the services check everything that matters again."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import Match
from matching.services import MESSAGE_MAX_LENGTH


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ContactForm(forms.Form):
    body = forms.CharField(
        label=_("First message (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=_textarea(3),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=MESSAGE_MAX_LENGTH, widget=_textarea(4))


class QuantityForm(forms.Form):
    quantity = forms.DecimalField(
        label=_("Quantity"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
    )


class DismissForm(forms.Form):
    side = forms.ChoiceField(choices=Match.Side.choices)
