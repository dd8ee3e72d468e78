from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from municipalities import services
from municipalities.models import (
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    VerificationQueue,
)


class VerificationActionForm(ActionForm):
    reason = forms.CharField(label=_("Reason (for rejection)"), required=False, max_length=1000)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Municipality)
class MunicipalityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country", "region", "status", "created_at", "status_changed_at"]
    list_filter = ["status", "country"]
    search_fields = ["name_en", "name_de", "name_uk", "name_fr", "name_pl", "region"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "status_changed_by",
        "rejection_reason",
        "registered_by",
        "created_at",
        "updated_at",
    ]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [MembershipInline]
    actions = ["verify", "reject"]
    action_form = VerificationActionForm
    list_select_related = ["status_changed_by"]

    @admin.action(description=_("Verify the selected municipalities"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Municipality]) -> None:
        for municipality in queryset:
            services.municipality_verify(admin=request.user, municipality=municipality)
            self.log_change(request, municipality, [{"changed": {"fields": ["status"]}}])
        self.message_user(
            request,
            _("%(count)d municipalities verified; their managers have been emailed.")
            % {"count": len(queryset)},
        )

    @admin.action(description=_("Reject the selected municipalities (give a reason)"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Municipality]) -> None:
        reason = request.POST.get("reason", "")
        try:
            for municipality in queryset:
                services.municipality_reject(
                    admin=request.user, municipality=municipality, reason=reason
                )
                self.log_change(request, municipality, f"Rejected: {reason}")
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            _("%(count)d municipalities rejected; their managers have been emailed.")
            % {"count": len(queryset)},
        )


@admin.register(VerificationQueue)
class VerificationQueueAdmin(MunicipalityAdmin):
    list_filter = ["country"]
    ordering = ["created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        return super().get_queryset(request).filter(status=Municipality.Status.PENDING)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "municipality__name_en"]
    list_select_related = ["user", "municipality"]
    raw_id_fields = ["user", "municipality", "decided_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "municipality", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "municipality__name_en"]
    list_select_related = ["municipality"]
    raw_id_fields = ["municipality", "invited_by", "accepted_by"]
    readonly_fields = ["token"]
