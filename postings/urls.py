"""URLs: `posting_urls(Need)` gives the needs app its pages, `posting_urls(Offer)` the offers'."""

from django.urls import URLPattern, path

from postings.models import Posting
from postings.views import browse, dashboard, detail, editing, links, statistics, translation

app_name = "postings"

urlpatterns = [
    path("confirm/<str:token>/", links.confirm_by_link, name="confirm_by_link"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("municipality/<slug:slug>/", dashboard.municipality_dashboard, name="dashboard"),
]


def posting_urls(model: type[Posting]) -> list[URLPattern]:
    kw = {"model": model}
    return [
        path("", browse.posting_list, kw, name="list"),
        path("export.csv", browse.posting_csv, kw, name="csv"),
        path("new/", editing.posting_create, kw, name="create"),
        path("<int:pk>/", detail.posting_detail, kw, name="detail"),
        path("<int:pk>/edit/", editing.posting_edit, kw, name="edit"),
        path("<int:pk>/publish/", editing.posting_publish, kw, name="publish"),
        path("<int:pk>/approve/", editing.posting_approve, kw, name="approve"),
        path("<int:pk>/withdraw/", editing.posting_withdraw, kw, name="withdraw"),
        path("<int:pk>/confirm/", editing.posting_confirm, kw, name="confirm"),
        path("<int:pk>/reopen/", editing.posting_reopen, kw, name="reopen"),
        path("<int:pk>/report/", editing.posting_report, kw, name="report"),
        path(
            "<int:pk>/translation/<str:language>/",
            translation.posting_translation,
            kw,
            name="translation",
        ),
    ]
