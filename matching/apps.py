from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Scoring needs against offers, Match rows, their lifecycle, conversations, notifications."""

    name = "matching"
    verbose_name = _("Matching")
