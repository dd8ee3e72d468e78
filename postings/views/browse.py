"""Browse, search and export needs or offers: the same filters for the page and the CSV."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from municipalities.selectors import acting_municipalities
from postings.csv_export import csv_lines
from postings.forms_filters import PostingFilterForm
from postings.models import Posting
from postings.selectors import search_postings, translations_prefetch

PAGE_SIZE = 25


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def posting_list(request: HttpRequest, model: type[Posting]) -> HttpResponse:
    form = PostingFilterForm(request.GET or None, model=model)
    if form.is_bound:
        form.is_valid()
    postings = search_postings(model, form.filters()).prefetch_related(
        translations_prefetch(get_language() or settings.LANGUAGE_CODE)
    )
    page = Paginator(postings, PAGE_SIZE).get_page(request.GET.get("page"))
    namespace = model._meta.app_label
    query_string = _query_string(request)
    csv_url = reverse(f"{namespace}:csv")
    context = {
        "form": form,
        "page": page,
        "query_string": query_string,
        "kind": model._meta.model_name,
        "heading": model._meta.verbose_name_plural,
        "csv_url": f"{csv_url}?{query_string}" if query_string else csv_url,
        "create_url": reverse(f"{namespace}:create")
        if acting_municipalities(request.user)
        else None,
    }
    return render(request, "postings/list.html", context)


def posting_csv(request: HttpRequest, model: type[Posting]) -> HttpResponse:
    form = PostingFilterForm(request.GET or None, model=model)
    if form.is_bound and not form.is_valid():
        problems = "\n".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        message = _("These filters are not valid:")
        return HttpResponseBadRequest(
            f"{message}\n{problems}\n", content_type="text/plain; charset=utf-8"
        )
    postings = search_postings(model, form.filters())
    filename = f"{model._meta.model_name}s-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(
        csv_lines(postings, get_language() or settings.LANGUAGE_CODE),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
