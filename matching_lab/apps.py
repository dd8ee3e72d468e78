from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingLabConfig(AppConfig):
    """How good and how fast matching is: the evaluation on a labelled set and the benchmark,
    each in a scratch database. Sits above matching; the runtime never imports it."""

    name = "matching_lab"
    verbose_name = _("Matching lab")
