from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core.emails import requeue_emails
from core.models import OutgoingEmail


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody edits by hand: audit trails, histories, reports."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """The audit trail of every change made through the admin."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "action_time"


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """What the platform sent, and what failed (with the error), for admins to follow up."""

    list_display = ["created_at", "to", "subject", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject", "key"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]
    actions = ["requeue", "requeue_unknown"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Queue the selected failed emails again"))
    def requeue(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        count = requeue_emails(queryset.values_list("pk", flat=True))
        unknown = queryset.filter(status=OutgoingEmail.Status.UNKNOWN).count()
        self.message_user(request, _("%(count)d emails queued again.") % {"count": count})
        if unknown:
            self.message_user(
                request,
                _(
                    "%(count)d emails of unknown delivery were left alone: they may have "
                    "arrived. Use “Send again although it may have arrived” for them."
                )
                % {"count": unknown},
                messages.WARNING,
            )

    @admin.action(description=_("Send again although it may have arrived (delivery unknown)"))
    def requeue_unknown(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]):
        """Asks first: these may have reached their recipient already."""
        unknown = queryset.filter(status=OutgoingEmail.Status.UNKNOWN)
        if request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Send emails of unknown delivery again?"),
                "emails": unknown,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/core/confirm_requeue_unknown.html", context)
        count = requeue_emails(unknown.values_list("pk", flat=True), include_unknown=True)
        self.message_user(request, _("%(count)d emails queued again.") % {"count": count})
        return None
