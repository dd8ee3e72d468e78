"""Admins moderate partnerships, their activities and events. A partnership's status moves
through the services (actions); every change of members or dates rematches them, since
matching ranks partner cities higher. The agreement is linked through the view that checks
who asks, never a public media URL."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.languages import localized_fields
from partnerships import services
from partnerships.models import (
    Activity,
    Event,
    Partnership,
    PartnershipMember,
)
from partnerships.selectors import member_ids
from partnerships.services.history import record_agreed
from partnerships.services.reminders import QUIET_FOR

Status = Partnership.Status


class PartnershipMemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 0
    min_num = 2
    autocomplete_fields = ["municipality", "contact"]
    readonly_fields = ["confirmed_at", "confirmed_by"]

    def get_formset(self, request, obj=None, **kwargs):
        # min_num alone only shows two rows; this refuses fewer (deleted ones included).
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class _Document:
    """What ClearableFileInput shows as the current file: here, the checked download."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        return "agreement.pdf"


class AgreementInput(forms.ClearableFileInput):
    def __init__(self, url: str) -> None:
        super().__init__(attrs={"accept": "application/pdf"})
        self.url = url

    def format_value(self, value):
        return _Document(self.url) if self.is_initial(value) else None


class QuietFilter(admin.SimpleListFilter):
    title = _("last activity")
    parameter_name = "quiet"

    def lookups(self, request, model_admin):
        return [("yes", _("Quiet for twelve months"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(last_active_at__lte=timezone.now() - QUIET_FOR)
        return queryset


@admin.register(Partnership)
class PartnershipAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "member_names", "kind", "status", "started_on", "last_active_at"]
    list_filter = ["status", "kind", QuietFilter]
    search_fields = [*localized_fields("municipalities__name"), *localized_fields("title")]
    date_hierarchy = "created_at"
    filter_horizontal = ["sectors"]
    readonly_fields = [
        "status",
        "proposed_by",
        "last_active_at",
        "reminded_at",
        "created_at",
        "updated_at",
        "status_history",
    ]
    inlines = [PartnershipMemberInline]
    actions = ["suspend", "resume", "end"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Partnership]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related("members__municipality")
            .order_by(F("started_on").desc(nulls_last=True), "-created_at")
        )

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        url = reverse("partnerships:agreement", args=[obj.uuid]) if obj is not None else ""
        form.base_fields["agreement"].widget = AgreementInput(url)
        return form

    @admin.display(description=_("status history"))
    def status_history(self, partnership: Partnership) -> str:
        changes = partnership.status_changes.select_related("municipality", "changed_by")
        return format_html_join(
            mark_safe("<br>"),
            "{}: {} {} {}",
            (
                (
                    date_format(timezone.localtime(change.changed_at), "DATETIME_FORMAT"),
                    change.get_status_display(),
                    change.municipality or "",
                    change.changed_by or "",
                )
                for change in changes
            ),
        )

    @admin.display(description=_("members"))
    def member_names(self, partnership: Partnership) -> str:
        return ", ".join(str(member.municipality) for member in partnership.members.all())

    def save_model(self, request: HttpRequest, obj: Partnership, form, change: bool) -> None:
        previous = form.initial.get("agreement")
        super().save_model(request, obj, form, change)
        if not change:
            record_agreed(obj, request.user)
        if previous and "agreement" in form.changed_data:
            name, storage = previous.name, obj.agreement.storage
            transaction.on_commit(lambda: storage.delete(name))

    def save_related(self, request, form, formsets, change) -> None:
        before = member_ids(form.instance)
        super().save_related(request, form, formsets, change)
        services.partnership_changed(partnership=form.instance, members_before=before)

    def delete_model(self, request: HttpRequest, obj: Partnership) -> None:
        services.partnership_delete(partnership=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Partnership]) -> None:
        for partnership in queryset:
            services.partnership_delete(partnership=partnership)

    def _move(self, request: HttpRequest, queryset: QuerySet[Partnership], status: str) -> None:
        moved = 0
        for partnership in queryset:
            try:
                services.partnership_set_status(
                    user=request.user, partnership=partnership, status=status
                )
            except ValidationError as error:
                self.message_user(
                    request, f"{partnership}: {' '.join(error.messages)}", messages.ERROR
                )
                continue
            self.log_change(request, partnership, [{"changed": {"fields": ["status"]}}])
            moved += 1
        self.message_user(request, _("%(count)d partnerships changed.") % {"count": moved})

    @admin.action(description=_("Suspend the selected partnerships"))
    def suspend(self, request: HttpRequest, queryset: QuerySet[Partnership]) -> None:
        self._move(request, queryset, Status.SUSPENDED)

    @admin.action(description=_("Resume the selected partnerships"))
    def resume(self, request: HttpRequest, queryset: QuerySet[Partnership]) -> None:
        self._move(request, queryset, Status.ACTIVE)

    @admin.action(description=_("End the selected partnerships today"))
    def end(self, request: HttpRequest, queryset: QuerySet[Partnership]) -> None:
        self._move(request, queryset, Status.ENDED)


@admin.register(Activity)
class ActivityAdmin(TabbedTranslationAdmin):
    list_display = ["title", "partnership", "status", "sector", "started_on", "ended_on"]
    list_filter = ["status", "sector"]
    search_fields = localized_fields("title")
    autocomplete_fields = ["partnership"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    list_select_related = ["partnership", "sector"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Activity]:
        # A partnership is named after its members when it has no title.
        return super().get_queryset(request).prefetch_related("partnership__members__municipality")


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ["topic", "partnership", "kind", "held_on", "place"]
    list_filter = ["kind"]
    search_fields = [*localized_fields("topic"), "place"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["partnership", "participants"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    list_select_related = ["partnership"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return super().get_queryset(request).prefetch_related("partnership__members__municipality")
