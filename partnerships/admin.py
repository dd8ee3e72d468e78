"""Admins record the partnerships that exist between municipalities; matching ranks offers of
partner cities higher, so every change rematches the members' postings."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.languages import localized_fields
from partnerships import services
from partnerships.models import Partnership, PartnershipMember
from partnerships.selectors import member_ids


class PartnershipMemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 0
    min_num = 2
    autocomplete_fields = ["municipality"]

    def get_formset(self, request, obj=None, **kwargs):
        # min_num alone only shows two rows; this refuses fewer (deleted ones included).
        return super().get_formset(request, obj, validate_min=True, **kwargs)


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "member_names", "kind", "started_on", "ended_on"]
    list_filter = ["kind"]
    search_fields = localized_fields("municipalities__name")
    date_hierarchy = "started_on"
    inlines = [PartnershipMemberInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Partnership]:
        return super().get_queryset(request).prefetch_related("municipalities")

    @admin.display(description=_("members"))
    def member_names(self, partnership: Partnership) -> str:
        return ", ".join(str(municipality) for municipality in partnership.municipalities.all())

    def save_related(self, request, form, formsets, change) -> None:
        before = member_ids(form.instance)
        super().save_related(request, form, formsets, change)
        services.partnership_changed(partnership=form.instance, members_before=before)

    def delete_model(self, request: HttpRequest, obj: Partnership) -> None:
        services.partnership_delete(partnership=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Partnership]) -> None:
        for partnership in queryset:
            services.partnership_delete(partnership=partnership)
