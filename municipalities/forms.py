from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.languages import localized_field, localized_fields
from municipalities.languages import WORKING_LANGUAGE_CHOICES
from municipalities.models import Invitation, JoinRequest, Membership, Municipality
from municipalities.selectors import NEARBY_KM, similar_municipalities

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class MunicipalityForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages your officials work in."),
    )

    class Meta:
        model = Municipality
        fields = [
            *localized_fields("name"),
            "kind",
            "country",
            "region",
            "population",
            "website",
            "latitude",
            "longitude",
            "languages",
            *localized_fields("description"),
            "approval_required",
        ]
        widgets = {
            field: forms.Textarea(attrs={"rows": 3}) for field in localized_fields("description")
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, language in LANGUAGE_NAMES.items():
            name_field = self.fields[localized_field("name", code)]
            name_field.label = _("Name in %(language)s") % {"language": language}
            description_field = self.fields[localized_field("description", code)]
            description_field.label = _("Description in %(language)s") % {"language": language}
            description_field.required = False
        self.fields["name_en"].required = True
        self.fields["name_en"].help_text = _(
            "As the city is known internationally, in Latin script, e.g. Kamianets-Podilskyi."
        )
        for code in LANGUAGE_NAMES:
            if code != "en":
                self.fields[localized_field("name", code)].required = False
        self.fields["latitude"].help_text = _("Decimal degrees, e.g. 48.678.")
        self.fields["longitude"].help_text = _("Decimal degrees, e.g. 26.585.")
        # Left out (an older client), the kind stays what it was.
        self.fields["kind"].required = False

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or self.instance.kind


class RegistrationForm(MunicipalityForm):
    """Registering warns when the municipality may be on the platform already: its people ask
    to join it rather than register it twice. Who is sure it is another one says so."""

    nearby_km = NEARBY_KM
    different = forms.BooleanField(
        label=_("Register anyway: mine is a different municipality"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.similar: list[Municipality] = []

    def clean(self) -> dict:
        data = super().clean()
        if self.errors or data.get("different"):
            return data
        place = (data.get("latitude"), data.get("longitude"))
        self.similar = similar_municipalities(
            country=data["country"],
            names=[data.get(field) or "" for field in localized_fields("name")],
            place=None if None in place else place,
        )
        if self.similar:
            self.add_error("different", _("Tick this box if yours is not one of those above."))
        return data

    @property
    def municipality_fields(self) -> dict:
        """What the registration service takes: the profile, not the answer to the warning."""
        return {name: value for name, value in self.cleaned_data.items() if name != "different"}


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        labels = {"message": _("Message to the managers (optional)")}
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        labels = {"email": _("Colleague's email address")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = Membership.Role.OFFICIAL

    def validate_unique(self) -> None:
        # Renewing an open invitation is the service's job, not a form error.
        pass


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, countries: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]
