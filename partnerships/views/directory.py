"""The public directory of partnerships with its filters and counts, and the map of them."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from partnerships.map import draw_map, partnership_places
from partnerships.models import Partnership
from partnerships.selectors.directory import DirectoryFilters, directory, facet_counts
from postings.models import Sector

PAGE_SIZE = 24
# The map draws at most this many partnerships (the most recent); filters narrow it down.
MAP_LIMIT = 300


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Member's name"), required=False, max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    sector = forms.ChoiceField(label=gettext_lazy("Sector"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        statuses = Partnership.PUBLIC_STATUSES
        choices = {
            "kind": (_("All kinds"), Partnership.Kind.choices),
            "status": (_("Every status"), [(s, Partnership.Status(s).label) for s in statuses]),
            "country": (_("All countries"), list(countries)),
            "sector": (_("All sectors"), [(s.slug, s.name) for s in Sector.objects.all()]),
        }
        for name, (everything, options) in choices.items():
            self.fields[name].choices = [("", everything), *options]

    def show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Each choice with the number of partnerships it would show; countries and sectors
        without any are left out (unless chosen)."""
        chosen = self.cleaned_data if self.is_bound and self.is_valid() else {}
        for name, by_value in counts.items():
            everything, *options = self.fields[name].choices
            shown = [
                (value, f"{label} ({by_value.get(value, 0)})")
                for value, label in options
                if name in ("kind", "status") or by_value.get(value) or chosen.get(name) == value
            ]
            self.fields[name].choices = [everything, *shown]


def _filters(request: HttpRequest) -> tuple[FilterForm, DirectoryFilters]:
    form = FilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    filters = DirectoryFilters(**{name: (cleaned.get(name) or "").strip() for name in form.fields})
    form.show_counts(facet_counts(filters))
    return form, filters


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def partnership_directory(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    page = Paginator(directory(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query_string": _query_string(request)}
    return render(request, "partnerships/directory.html", context)


def partnership_map(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    partnerships = list(directory(filters)[:MAP_LIMIT])
    places, ties = partnership_places(partnerships)
    svg = draw_map(
        places,
        ties,
        map_id="partnerships-map",
        title=_("Map of partnerships"),
        description=_(
            "Member municipalities as dots, each partnership as lines between its members; "
            "dashed where it is suspended or ended. The list beside the map names them all."
        ),
        empty_text=_("No partnership matches these filters."),
        inset_caption=_("All of them, beyond Europe too"),
    )
    context = {
        "form": form,
        "partnerships": partnerships,
        "limited": len(partnerships) == MAP_LIMIT,
        "map_svg": mark_safe(svg),  # noqa: S308 (every text escaped by draw_map)
        "query_string": _query_string(request),
    }
    return render(request, "partnerships/map.html", context)
