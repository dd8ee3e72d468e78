"""Forms for needs and offers: one posting form for both models, and the small action forms."""

from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.errors import add_service_errors
from core.languages import localized_field
from municipalities.models import Municipality
from postings.models import (
    TRANSLATED_FIELDS,
    HelpKind,
    Posting,
    PostingTranslation,
    Sector,
    Topic,
)

LANGUAGE_NAMES = dict(settings.LANGUAGES)
# Texts corrected in a text area rather than a line.
LONG_TEXTS = ("description", "logistics")


class TopicChoiceIterator(forms.models.ModelChoiceIterator):
    """Topics grouped under their sector: one <optgroup> per sector."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for sector, topics in groupby(self.queryset, key=attrgetter("sector")):
            yield (sector.name, [self.choice(topic) for topic in topics])


class TopicChoiceField(forms.ModelChoiceField):
    iterator = TopicChoiceIterator


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        name = user.get_full_name()
        return f"{name} ({user.email})" if name else user.email


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _max_length(field: str) -> int:
    return Posting._meta.get_field(field).max_length


class PostingForm(forms.Form):
    """Create or edit a need or an offer. The texts are written in one language, the original;
    translations into the other languages are optional."""

    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects)
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=_max_length("title"),
        help_text=_("In the language chosen above."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=_max_length("description"),
        widget=_textarea(6),
        help_text=_("In the language chosen above. What exactly, for whom, and why."),
    )
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all())
    topic = TopicChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.select_related("sector").order_by(
            "sector__position", "sector__slug", "position", "slug"
        ),
        help_text=_("Optional; it must belong to the sector."),
    )
    help_kind = forms.ModelChoiceField(label=_("Kind of help"), queryset=HelpKind.objects.all())
    quantity = forms.DecimalField(
        label=_("Quantity"), required=False, max_digits=12, decimal_places=2
    )
    unit = forms.CharField(
        label=_("Unit"), required=False, max_length=50, help_text=_("For example beds, tonnes.")
    )
    logistics = forms.CharField(
        label=_("Delivery and logistics"), required=False, max_length=2000, widget=_textarea(3)
    )
    contact = ContactChoiceField(
        label=_("Contact person"),
        queryset=User.objects.none(),
        help_text=_("An official of the municipality."),
    )
    confirm_not_duplicate = forms.BooleanField(label=_("Post it anyway"), required=False)

    def __init__(
        self,
        data=None,
        *,
        model: type[Posting],
        user: User,
        posting: Posting | None = None,
        municipalities: list[Municipality] | None = None,
        municipality: Municipality | None = None,
        **kwargs,
    ) -> None:
        self.model = model
        self.user = user
        self.posting = posting
        if posting is not None:
            kwargs.setdefault("initial", self._initial_from(posting))
        super().__init__(data, **kwargs)
        self.date_field_name = model.date_field_name
        self.fields[self.date_field_name] = self._date_field()
        self._add_translation_fields()
        if posting is None:
            self._set_municipalities(municipalities or [], municipality)
        else:
            del self.fields["municipality"]
            del self.fields["confirm_not_duplicate"]
            self._set_contacts([posting.municipality])
        if posting is None:
            self.fields["original_language"].initial = get_language() or settings.LANGUAGE_CODE
            self.fields["contact"].initial = user

    def _initial_from(self, posting: Posting) -> dict:
        initial = {name: getattr(posting, name) for name in Posting.EDITABLE_FIELDS}
        initial[posting.date_field_name] = posting.date
        for field in TRANSLATED_FIELDS:
            original = localized_field(field, posting.original_language)
            initial[field] = getattr(posting, original)
            for code in LANGUAGE_NAMES:
                name = localized_field(field, code)
                initial[name] = getattr(posting, name)
        return initial

    def _date_field(self) -> forms.DateField:
        model_field = self.model._meta.get_field(self.date_field_name)
        return model_field.formfield(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("Optional. Not in the past."),
        )

    def _add_translation_fields(self) -> None:
        for code, language in LANGUAGE_NAMES.items():
            self.fields[localized_field("title", code)] = forms.CharField(
                label=_("Title in %(language)s") % {"language": language},
                required=False,
                max_length=_max_length("title"),
            )
            self.fields[localized_field("description", code)] = forms.CharField(
                label=_("Description in %(language)s") % {"language": language},
                required=False,
                max_length=_max_length("description"),
                widget=_textarea(4),
            )

    def _set_municipalities(
        self, municipalities: list[Municipality], preselected: Municipality | None
    ) -> None:
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        if preselected is None and len(municipalities) == 1:
            preselected = municipalities[0]
        if preselected is not None:
            field.initial = preselected.pk
        self._set_contacts(municipalities)

    def _set_contacts(self, municipalities: list[Municipality]) -> None:
        self.fields["contact"].queryset = (
            User.objects.filter(memberships__municipality__in=municipalities, is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )

    # What the template shows

    @property
    def language(self) -> str:
        """The original language as chosen now (the submitted one once the form is bound)."""
        if self.is_bound and self.data.get("original_language") in LANGUAGE_NAMES:
            return self.data["original_language"]
        return self["original_language"].initial or settings.LANGUAGE_CODE

    @property
    def translations(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(language, title, description) for the languages other than the original, and for any
        translation with an error."""
        rows = []
        for code, language in LANGUAGE_NAMES.items():
            title = self[localized_field("title", code)]
            description = self[localized_field("description", code)]
            if code != self.language or title.errors or description.errors:
                rows.append((language, title, description))
        return rows

    @property
    def has_translations(self) -> bool:
        return any(
            title.value() or description.value() or title.errors or description.errors
            for _language, title, description in self.translations
        )

    @property
    def date_field(self) -> forms.BoundField:
        return self[self.date_field_name]

    @property
    def publishing(self) -> bool:
        return self.is_bound and self.data.get("action") == "publish"

    # Validation

    def clean_quantity(self) -> Decimal | None:
        quantity = self.cleaned_data["quantity"]
        if quantity is not None and quantity <= 0:
            raise ValidationError(_("Enter a quantity greater than zero."))
        return quantity

    def clean(self) -> dict:
        data = super().clean()
        self._check_topic(data)
        self._check_translations(data)
        return data

    def _check_topic(self, data: dict) -> None:
        topic, sector = data.get("topic"), data.get("sector")
        if topic is not None and sector is not None and topic.sector_id != sector.pk:
            self.add_error(
                "topic",
                _("“%(topic)s” belongs to the sector “%(sector)s”; choose a topic of “%(chosen)s”.")
                % {"topic": topic.name, "sector": topic.sector.name, "chosen": sector.name},
            )

    def _municipality(self, data: dict) -> Municipality | None:
        if self.posting is not None:
            return self.posting.municipality
        return data.get("municipality")

    def _check_translations(self, data: dict) -> None:
        language = data.get("original_language")
        for field in TRANSLATED_FIELDS:
            name = localized_field(field, language or "")
            translation, original = data.get(name), data.get(field)
            if translation and original and translation != original:
                self.add_error(
                    name,
                    _(
                        "This is the language you chose as the original: write the text in the "
                        "main field above, or choose another language."
                    ),
                )

    # Handing over to the services

    @property
    def chosen_municipality(self) -> Municipality:
        return self._municipality(self.cleaned_data)

    def posting_fields(self) -> dict:
        """The cleaned values as the lifecycle services take them."""
        data = self.cleaned_data
        fields = {name: data[name] for name in Posting.EDITABLE_FIELDS}
        fields[self.date_field_name] = data[self.date_field_name]
        for field in TRANSLATED_FIELDS:
            for code in LANGUAGE_NAMES:
                name = localized_field(field, code)
                value = data[field] if code == data["original_language"] else data[name]
                fields[name] = self._blank_as_before(name, value)
        return fields

    def _blank_as_before(self, name: str, value: str) -> str | None:
        """An empty translation is stored as NULL, or left as it was, so that saving an unchanged
        form records no change."""
        if value:
            return value
        before = getattr(self.posting, name, None) if self.posting is not None else None
        return before if before in ("", None) else None

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's errors, with its per-language text names read as this form's fields."""
        language = self.cleaned_data.get("original_language", "")
        aliases = {localized_field(field, language): field for field in TRANSLATED_FIELDS}
        add_service_errors(self, error, aliases)


class TranslationForm(forms.Form):
    """The machine translations of a posting into one language, for an official to correct:
    one field per text, filled with what the machine wrote."""

    def __init__(
        self, data=None, *, posting: Posting, translations: list[PostingTranslation], **kwargs
    ) -> None:
        super().__init__(data, **kwargs)
        self.originals = {}
        for row in translations:
            field = Posting._meta.get_field(row.field)
            self.fields[row.field] = forms.CharField(
                label=_("%(text)s in %(language)s")
                % {"text": capfirst(field.verbose_name), "language": LANGUAGE_NAMES[row.language]},
                initial=row.text,
                max_length=field.max_length,
                strip=True,
                widget=_textarea(4) if row.field in LONG_TEXTS else forms.TextInput,
            )
            self.originals[row.field] = posting.original(row.field)

    @property
    def rows(self) -> list[tuple[str, forms.BoundField, str]]:
        """(the text's name, its field, the original text) for each text."""
        return [
            (capfirst(Posting._meta.get_field(name).verbose_name), self[name], original)
            for name, original in self.originals.items()
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=_textarea(3),
        help_text=_("Kept in the posting's history for your municipality."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it open again?"),
        max_length=2000,
        widget=_textarea(3),
        help_text=_("Kept in the posting's history for your municipality."),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this posting?"),
        required=False,  # the service says so when it is empty, after checking who asks
        max_length=2000,
        widget=_textarea(3),
    )
