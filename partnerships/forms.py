"""Forms of the partnership pages. Texts are written in one language, the original, with
optional translations; `service_fields()` gives what the services take."""

from django import forms
from django.conf import settings
from django.db.models import Model, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.languages import localized_field
from municipalities.languages import WORKING_LANGUAGE_CHOICES
from municipalities.models import Municipality
from partnerships.documents import validate_agreement
from partnerships.models import Activity, Event, Partnership
from partnerships.permissions import current_member_ids
from postings.models import Sector

LANGUAGE_NAMES = dict(settings.LANGUAGES)
Status = Partnership.Status


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


class MunicipalityChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, municipality: Municipality) -> str:
        return f"{municipality.name} ({municipality.country.name})"


class TextsForm(forms.Form):
    """`texts`: name → (label, max length, rows of a text area or 0, required)."""

    texts: dict = {}
    plain_fields: tuple[str, ...] = ()  # the other fields the service takes as they are
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, instance: Model | None = None, **kwargs) -> None:
        self.instance = instance
        super().__init__(*args, **kwargs)
        for name, (label, max_length, rows, required) in self.texts.items():
            widget = forms.Textarea(attrs={"rows": rows}) if rows else None
            self.fields[name] = forms.CharField(
                label=label, max_length=max_length, required=required, widget=widget
            )
            for code, language in LANGUAGE_NAMES.items():
                self.fields[localized_field(name, code)] = forms.CharField(
                    label=_("%(field)s in %(language)s") % {"field": label, "language": language},
                    max_length=max_length,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": rows}) if rows else None,
                )
        if instance is None:
            self.fields["original_language"].initial = get_language() or settings.LANGUAGE_CODE
        else:
            self._initial_texts(instance)

    def _initial_texts(self, instance: Model) -> None:
        self.initial["original_language"] = instance.original_language
        for name in self.texts:
            self.initial[name] = getattr(
                instance, localized_field(name, instance.original_language)
            )
            for code in LANGUAGE_NAMES:
                self.initial[localized_field(name, code)] = getattr(
                    instance, localized_field(name, code)
                )

    def detail_fields(self) -> list[forms.BoundField]:
        """For the template: the fields that are not texts."""
        texts = {"original_language", *self.texts}
        texts.update(localized_field(name, code) for name in self.texts for code in LANGUAGE_NAMES)
        return [self[name] for name in self.fields if name not in texts]

    def text_fields_in_original(self) -> list[forms.BoundField]:
        return [self[name] for name in self.texts]

    def translations(self) -> list[tuple[str, list[forms.BoundField]]]:
        """For the template: each language with its translation fields."""
        return [
            (language, [self[localized_field(name, code)] for name in self.texts])
            for code, language in LANGUAGE_NAMES.items()
        ]

    def has_translations(self) -> bool:
        return any(
            self[localized_field(name, code)].value()
            for name in self.texts
            for code in LANGUAGE_NAMES
        )

    def text_fields(self) -> dict:
        data = self.cleaned_data
        original = data["original_language"]
        values = {"original_language": original}
        for name in self.texts:
            for code in LANGUAGE_NAMES:
                values[localized_field(name, code)] = data.get(localized_field(name, code)) or None
            values[localized_field(name, original)] = data[name] or None
        return values

    def service_fields(self) -> dict:
        plain = {name: self.cleaned_data[name] for name in self.plain_fields}
        return {**plain, **self.text_fields()}


class PartnershipForm(TextsForm):
    texts = {
        "title": (_("Title"), 200, 0, False),
        "description": (_("Description"), 5000, 5, False),
    }
    plain_fields = ("kind", "started_on", "signed_on", "languages")
    kind = forms.ChoiceField(label=_("Kind of partnership"), choices=Partnership.Kind.choices)
    started_on = _date(
        _("Partners since"),
        help_text=_("If they are partners already; else the day the last member confirms."),
    )
    signed_on = _date(_("Agreement signed on"))
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors of cooperation"),
        queryset=Sector.objects.order_by("position", "slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, instance: Partnership | None = None, **kwargs) -> None:
        super().__init__(*args, instance=instance, **kwargs)
        self.agreed = instance is not None and instance.status not in Partnership.UNAGREED_STATUSES
        if instance is not None:
            for name in self.plain_fields:
                self.initial[name] = getattr(instance, name)
            self.initial["sectors"] = list(instance.sectors.all())
        if self.agreed:
            self.fields["started_on"].help_text = ""

    def clean_started_on(self):
        started_on = self.cleaned_data["started_on"]
        if started_on is None and self.agreed:
            raise forms.ValidationError(_("Say since when they are partners."))
        return started_on


class ProposalForm(PartnershipForm):
    """A manager proposes a partnership for one of the municipalities they manage."""

    municipality = forms.ModelChoiceField(label=_("Proposed by"), queryset=Municipality.objects)
    partners = MunicipalityChoices(
        label=_("Partner municipalities"),
        queryset=Municipality.objects.none(),
        help_text=_("One or more: bilateral, trilateral or a network."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, managed: list[Municipality], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=[municipality.pk for municipality in managed]
        )
        if len(managed) == 1:
            self.fields["municipality"].initial = managed[0]
        self.fields["partners"].queryset = Municipality.objects.filter(
            status=Municipality.Status.VERIFIED
        ).order_by("name_en")
        self.order_fields(["municipality", "partners", "kind"])


class StatusForm(forms.Form):
    """Suspend, resume or end: the moves open from the partnership's status."""

    status = forms.ChoiceField(label=_("New status"))
    on = _date(_("Ended on"), help_text=_("When it ends: today unless you say otherwise."))

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(move, Status(move).label) for move in partnership.moves]


def _person(user: User) -> str:
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class ContactForm(forms.Form):
    """Who speaks for one member. Posted: any active member of a municipality (the service
    checks it is one of that member's); shown: the choice of `people`, read once for all
    the forms of a page."""

    municipality = forms.ModelChoiceField(queryset=Municipality.objects, widget=forms.HiddenInput)
    contact = forms.ModelChoiceField(
        label=_("Partnership officer"),
        queryset=User.objects.filter(is_active=True, memberships__isnull=False).distinct(),
        required=False,
    )

    def __init__(self, *args, people: list[User] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["contact"].choices = [
                ("", "---------"),
                *((user.pk, _person(user)) for user in people),
            ]


class AgreementForm(forms.Form):
    document = forms.FileField(
        label=_("Signed agreement (PDF)"),
        validators=[validate_agreement],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class AnswerForm(forms.Form):
    """Confirm or decline a proposal for one municipality (every managed one if none)."""

    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects, required=False, widget=forms.HiddenInput
    )


class ActivityForm(TextsForm):
    texts = {
        "title": (_("Title"), 200, 0, True),
        "description": (_("Description"), 5000, 4, False),
        "outcome": (_("What was delivered"), 2000, 3, False),
    }
    plain_fields = ("sector", "status", "started_on", "ended_on")
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.order_by("position", "slug"), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    started_on = _date(_("Starts on"))
    ended_on = _date(_("Ends on"))

    def __init__(self, *args, instance: Activity | None = None, **kwargs) -> None:
        super().__init__(*args, instance=instance, **kwargs)
        if instance is not None:
            for name in self.plain_fields:
                self.initial[name] = getattr(instance, name)


class EventForm(TextsForm):
    texts = {"topic": (_("Topic"), 300, 0, True)}
    plain_fields = ("kind", "held_on", "ends_on", "place", "link")
    kind = forms.ChoiceField(label=_("Kind of event"), choices=Event.Kind.choices)
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = _date(_("Until"), help_text=_("For an event of several days."))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online exchange."),
    )
    participants = MunicipalityChoices(
        label=_("Participating municipalities"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Members and guests alike."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, partnership: Partnership, instance: Event | None = None, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        members = sorted(current_member_ids(partnership))  # as the service accepts them
        self.fields["participants"].queryset = Municipality.objects.filter(
            Q(pk__in=members) | Q(status=Municipality.Status.VERIFIED)
        ).order_by("name_en")
        if instance is None:
            self.initial["participants"] = members
        else:
            for name in self.plain_fields:
                self.initial[name] = getattr(instance, name)
            self.initial["participants"] = list(instance.participants.all())

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("place") and not data.get("link"):
            raise forms.ValidationError(_("Say where it takes place, or give the link."))
        return data


class RecordMatchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of partnership to propose"),
        choices=Partnership.Kind.choices,
        initial=Partnership.Kind.COOPERATION,
    )
