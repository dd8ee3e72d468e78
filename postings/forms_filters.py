"""The GET form that filters and sorts the needs and offers pages (and their CSV export)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.languages import localized_fields
from municipalities.models import Municipality
from postings.models import HelpKind, Posting, Sector, Topic
from postings.selectors import PostingFilters, public_postings

SORT_NEWEST = "newest"
SORT_DEADLINE = "deadline"
SORT_RELEVANCE = "relevance"
SORT_CHOICES = [
    (SORT_NEWEST, _("Newest first")),
    (SORT_DEADLINE, _("Deadline first")),
    (SORT_RELEVANCE, _("Best match (when searching)")),
]


def _any(label: str) -> tuple[str, str]:
    return ("", label)


def _country_choices(model: type[Posting]) -> list[tuple[str, str]]:
    codes = (
        public_postings(model).order_by().values_list("municipality__country", flat=True).distinct()
    )
    return sorted(((code, countries.name(code)) for code in codes), key=lambda choice: choice[1])


def _municipality_choices(model: type[Posting]) -> list[tuple[str, str]]:
    municipalities = (
        Municipality.objects.filter(
            status=Municipality.Status.VERIFIED,
            pk__in=public_postings(model).order_by().values("municipality"),
        )
        .only("slug", "name", *localized_fields("name"))  # hundreds of them: names only
        .order_by("name_en")
    )
    return sorted(
        ((municipality.slug, municipality.name) for municipality in municipalities),
        key=lambda choice: choice[1].casefold(),
    )


def _topics() -> list[Topic]:
    return list(
        Topic.objects.select_related("sector").order_by("sector__position", "position", "slug")
    )


def _topic_choices(topics: list[Topic]) -> list:
    """Topics grouped by their sector, so the select shows an optgroup per sector."""
    groups: dict[Sector, list[tuple[str, str]]] = {}
    for topic in topics:
        groups.setdefault(topic.sector, []).append((topic.slug, topic.name))
    return [(sector.name, choices) for sector, choices in groups.items()]


class PostingFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            "Words in any language: postings in other languages that mean the same are found "
            "too. The beginning of a word is enough."
        ),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    help_kind = forms.ChoiceField(label=_("Kind of help"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    language = forms.ChoiceField(label=_("Written in"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data=None, *args, model: type[Posting], **kwargs) -> None:
        if data is not None and data.get("q", "").strip() and not data.get("sort"):
            data = data.copy()
            data["sort"] = SORT_RELEVANCE  # a search shows the best match first
        super().__init__(data, *args, **kwargs)
        sectors = [(sector.slug, sector.name) for sector in Sector.objects.all()]
        help_kinds = [(kind.slug, kind.name) for kind in HelpKind.objects.all()]
        statuses = [(status.value, status.label) for status in Posting.PUBLIC_STATUSES]
        topics = _topics()
        self._topic_sectors = {topic.slug: topic.sector.slug for topic in topics}
        fields = self.fields
        fields["sector"].choices = [_any(_("All sectors")), *sectors]
        fields["topic"].choices = [_any(_("All topics")), *_topic_choices(topics)]
        fields["help_kind"].choices = [_any(_("All kinds of help")), *help_kinds]
        fields["country"].choices = [_any(_("All countries")), *_country_choices(model)]
        fields["municipality"].choices = [
            _any(_("All municipalities")),
            *_municipality_choices(model),
        ]
        fields["status"].choices = [_any(_("Any public status")), *statuses]
        fields["language"].choices = [_any(_("Any language")), *settings.LANGUAGES]

    def clean(self) -> dict:
        cleaned = super().clean()
        sector, topic = cleaned.get("sector"), cleaned.get("topic")
        if sector and topic and self._topic_sectors.get(topic) != sector:
            self.add_error("topic", _("This topic belongs to another sector."))
        return cleaned

    def filters(self) -> PostingFilters:
        """The valid part of what was asked for: a value with an error is left out (and the
        form shows the error)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        values = {name: data.get(name) or "" for name in PostingFilters.__dataclass_fields__}
        values["q"] = values["q"].strip()
        if not values["sort"] or (values["sort"] == SORT_RELEVANCE and not values["q"]):
            values["sort"] = SORT_NEWEST
        return PostingFilters(**values)
