from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostingsConfig(AppConfig):
    """What needs and offers share: taxonomy, the abstract Posting, its workflow and pages."""

    name = "postings"
    verbose_name = _("Needs and offers")

    def ready(self) -> None:
        # Saves enqueue translation by task name (postings.services.pending), so web processes
        # must have the task registered too, not only the worker.
        from postings import tasks  # noqa: F401
