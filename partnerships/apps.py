from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    """Partnerships between municipalities: twinning, solidarity partnerships, networks."""

    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        # Matching sits below this app and cannot import it: it is told here where partners
        # come from.
        from matching.engine import partners
        from partnerships.selectors import partner_years

        partners.provide(partner_years)
