from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Scoring needs against offers, Match rows, their lifecycle, conversations, notifications."""

    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Web processes enqueue matching by task name (postings cannot import this app), so
        # the task must be registered there too, not only in the worker.
        from matching import tasks  # noqa: F401

        # Postings search by meaning with the vectors this app stores.
        from matching.search_index import vector_scores
        from postings import search

        search.provide(vector_scores)
