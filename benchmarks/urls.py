"""The real URLs plus the bare comparison view, for the benchmark's gunicorn only."""

from django.urls import path

from benchmarks.views import bare_empty, bare_needs
from cities4cities.urls import handler400, handler403, handler404, handler500, urlpatterns

urlpatterns = [
    path("bench/bare-needs/", bare_needs, name="bench-bare-needs"),
    path("bench/bare-empty/", bare_empty, name="bench-bare-empty"),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
