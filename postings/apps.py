from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostingsConfig(AppConfig):
    """What needs and offers share: taxonomy, the abstract Posting, its workflow and pages."""

    name = "postings"
    verbose_name = _("Needs and offers")
