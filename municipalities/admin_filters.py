"""Admin list filters shared by the apps whose rows belong to a municipality."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class CountryFilter(admin.ChoicesFieldListFilter):
    """A country field's filter as a drop-down of the countries that occur, sent with a button
    (no script): Django's default lists all 250 countries as links, 6,000 px of sidebar.
    `list_filter = [("country", CountryFilter)]`, or `("municipality__country", ...)`."""

    template = "admin/dropdown_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        if self.lookup_val is not None and not any(self.lookup_val):  # "All", sent by the form
            self.lookup_val = None
            self.used_parameters.pop(self.lookup_kwarg, None)
        self.used = set(
            model._default_manager.order_by().values_list(field_path, flat=True).distinct()
        )

    def get_facet_counts(self, pk_attname, filtered_qs) -> dict:
        return {}  # the drop-down shows no counts; not one COUNT per country of the world

    def choices(self, changelist):
        self.kept = [
            (name, value)
            for name, value in changelist.params.items()
            if name not in self.expected_parameters()
        ]
        yield {"selected": self.lookup_val is None, "value": "", "display": _("All")}
        for code, name in self.field.flatchoices:
            if code in self.used:
                selected = self.lookup_val is not None and code in self.lookup_val
                yield {"selected": selected, "value": code, "display": name}
