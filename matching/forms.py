"""The small forms of a match page; the services check everything that matters again."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from matching.agreement import REASON_MAX_LENGTH
from matching.models import Match, Message

MESSAGE_MAX_LENGTH = Message._meta.get_field("body").max_length


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _quantity(label: str | None = None) -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Quantity") if label is None else label,
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
    )


def _revision() -> forms.IntegerField:
    """The match's revision the page showed: a step sent from an older page is a conflict."""
    return forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


def _reason() -> forms.CharField:
    return forms.CharField(
        label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=_textarea(2), required=False
    )


def _more_than_asked() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("More than the need still lacked was delivered"), required=False
    )


class ContactForm(forms.Form):
    body = forms.CharField(
        label=_("First message (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=_textarea(3),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=MESSAGE_MAX_LENGTH, widget=_textarea(4))


class AgreeForm(forms.Form):
    quantity = _quantity()
    revision = _revision()


class AcceptForm(forms.Form):
    revision = _revision()


class DeliverForm(forms.Form):
    quantity = _quantity()
    more_than_asked = _more_than_asked()


class CorrectDeliveryForm(forms.Form):
    quantity = _quantity(_("Delivered quantity"))
    reason = _reason()
    more_than_asked = _more_than_asked()


class UndoForm(forms.Form):
    reason = _reason()


class FullyCoveredForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("Yes, nothing more is needed: close our need."), required=False
    )


class DismissForm(forms.Form):
    side = forms.ChoiceField(choices=Match.Side.choices)
    reason = forms.ChoiceField(
        label=_("Why? (optional)"),
        choices=[("", _("No reason given")), *Match.DismissalReason.choices],
        required=False,
    )
