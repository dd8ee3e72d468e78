from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_countries import countries

from municipalities.forms import DirectoryFilterForm, JoinRequestForm
from municipalities.selectors import (
    countries_with_public_municipalities,
    membership_of,
    municipality_visible_to,
    public_municipalities,
)

PAGE_SIZE = 24


def directory(request: HttpRequest) -> HttpResponse:
    country_codes = countries_with_public_municipalities()
    choices = sorted(((code, countries.name(code)) for code in country_codes), key=lambda c: c[1])
    form = DirectoryFilterForm(request.GET or None, countries=choices)
    filters = form.cleaned_data if form.is_valid() else {}
    municipalities = public_municipalities(
        country=filters.get("country", ""), query=filters.get("q", "").strip()
    )
    page = Paginator(municipalities, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "municipalities/directory.html",
        {"form": form, "page": page, "query_string": query_string.urlencode()},
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_visible_to(request.user, slug)
    if municipality is None:
        raise Http404
    membership = membership_of(request.user, municipality)
    context = {
        "municipality": municipality,
        "membership": membership,
        "join_form": JoinRequestForm() if membership is None else None,
    }
    return render(request, "municipalities/detail.html", context)
