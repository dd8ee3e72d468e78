"""Admin for what needs and offers share: the moderation base class, the taxonomy, reports and
history. `needs/admin.py` and `offers/admin.py` register thin subclasses of PostingAdmin."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.admin import ReadOnlyAdmin
from core.languages import localized_fields
from municipalities.admin_filters import CountryFilter
from postings.models import (
    TRANSLATED_FIELDS,
    HelpKind,
    Posting,
    PostingChange,
    PostingReport,
    Sector,
    Topic,
)
from postings.services import lifecycle, moderation

MODERATION_FIELDS = ["hidden_at", "hidden_reason", "reviewed_at"]


def posting_fieldsets(model: type[Posting]) -> list:
    """The change form of a need or offer: what officials edit (Posting.EDITABLE_FIELDS and
    the model's date, with the texts in tabs per language), then the workflow's fields."""
    editable = [*model.EDITABLE_FIELDS, model.date_field_name]
    workflow = [
        name
        for name in model.workflow_field_names()
        if name not in ("municipality", *MODERATION_FIELDS)
    ]
    return [
        # The texts right after the language they are written in.
        (None, {"fields": ["municipality", editable[0], *TRANSLATED_FIELDS, *editable[1:]]}),
        (_("Workflow"), {"fields": workflow}),
        (_("Moderation"), {"fields": MODERATION_FIELDS}),
    ]


class ModerationFilter(admin.SimpleListFilter):
    title = _("moderation")
    parameter_name = "moderation"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("waiting", _("waiting"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Posting]) -> QuerySet[Posting]:
        if self.value() != "waiting":
            return queryset
        waiting = moderation.moderation_queue(queryset.model)
        return queryset.filter(pk__in=waiting.values("pk"))


class HiddenFilter(admin.SimpleListFilter):
    title = _("hidden")
    parameter_name = "hidden"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Posting]) -> QuerySet[Posting]:
        if self.value() in ("yes", "no"):
            return queryset.filter(hidden_at__isnull=self.value() == "no")
        return queryset


class HideActionForm(ActionForm):
    reason = forms.CharField(label=_("Reason (for hiding)"), required=False, max_length=2000)


class PostingAdmin(TabbedTranslationAdmin):
    """Moderating needs and offers. Postings are created and closed by their municipalities
    through the services, so the admin neither adds nor deletes them."""

    list_display = [
        "display_title",
        "municipality",
        "sector",
        "status",
        "is_hidden",
        "published_at",
        "last_confirmed_at",
    ]
    list_filter = [
        ModerationFilter,
        "status",
        "sector",
        "help_kind",
        "original_language",
        HiddenFilter,
        ("municipality__country", CountryFilter),
    ]
    search_fields = localized_fields("title", "municipality__name")
    list_select_related = ["municipality", "sector"]
    raw_id_fields = ["contact"]
    date_hierarchy = "published_at"
    actions = ["hide", "restore", "mark_reviewed"]
    action_form = HideActionForm

    def __init__(self, model: type[Posting], admin_site: admin.AdminSite) -> None:
        # Per model (a need's date is not an offer's), before modeltranslation reads them.
        self.fieldsets = posting_fieldsets(model)
        self.readonly_fields = model.workflow_field_names()
        super().__init__(model, admin_site)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Posting | None = None) -> bool:
        return False

    @admin.display(description=_("title"), ordering="title")
    def display_title(self, posting: Posting) -> str:
        return posting.display_title

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def is_hidden(self, posting: Posting) -> bool:
        return posting.hidden_at is not None

    def save_model(self, request: HttpRequest, obj: Posting, form, change: bool) -> None:
        lifecycle.posting_correct(
            admin=request.user,
            posting=obj,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )

    @admin.action(description=_("Hide the selected postings (give a reason)"))
    def hide(self, request: HttpRequest, queryset: QuerySet[Posting]) -> None:
        reason = request.POST.get("reason", "")
        postings = queryset.filter(hidden_at__isnull=True).select_related("municipality", "contact")
        try:
            for posting in postings:
                moderation.posting_hide(admin=request.user, posting=posting, reason=reason)
                self.log_change(request, posting, _fields("hidden_at", "hidden_reason"))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            _("%(count)d postings hidden; their municipalities have been emailed the reason.")
            % {"count": len(postings)},
        )

    @admin.action(description=_("Restore the selected postings"))
    def restore(self, request: HttpRequest, queryset: QuerySet[Posting]) -> None:
        postings = queryset.filter(hidden_at__isnull=False)
        for posting in postings:
            moderation.posting_restore(admin=request.user, posting=posting)
            self.log_change(request, posting, _fields("hidden_at", "hidden_reason"))
        self.message_user(request, _("%(count)d postings restored.") % {"count": len(postings)})

    @admin.action(description=_("Mark the selected postings reviewed"))
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[Posting]) -> None:
        for posting in queryset:
            moderation.posting_mark_reviewed(admin=request.user, posting=posting)
            self.log_change(request, posting, _fields("reviewed_at"))
        self.message_user(
            request, _("%(count)d postings marked reviewed.") % {"count": len(queryset)}
        )


def _fields(*names: str) -> list[dict]:
    """A change message the admin's history shows translated ("Changed hidden at.")."""
    return [{"changed": {"fields": list(names)}}]


# Taxonomy: admins may add entries; slugs are referenced by URLs and never change once saved.


class TopicForm(forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and "slug" in self.fields:
            self.fields["slug"].disabled = True


class TopicInline(TranslationStackedInline):
    model = Topic
    form = TopicForm
    extra = 0
    can_delete = False
    fields = ["slug", "name", "description", "position"]


class TaxonomyAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = [*localized_fields("name"), "slug"]
    ordering = ["position", "slug"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "slug"] if obj is not None else fields

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # postings refer to entries; retire one by renaming, not by deleting


@admin.register(Sector)
class SectorAdmin(TaxonomyAdmin):
    inlines = [TopicInline]


@admin.register(HelpKind)
class HelpKindAdmin(TaxonomyAdmin):
    pass


# Reports and history: records, read only.


def _posting_links(posting: Posting | None) -> str:
    if posting is None:
        return "–"
    opts = posting._meta
    try:
        admin_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[posting.pk])
    except NoReverseMatch:
        return posting.display_title
    return format_html(
        '<a href="{}">{}</a> (<a href="{}">{}</a>)',
        admin_url,
        posting.display_title,
        posting.get_absolute_url(),
        _("public page"),
    )


class PostingRecordAdmin(ReadOnlyAdmin):
    """Reports and history entries, each linked to the posting it is about."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("posting")

    @admin.display(description=_("posting"))
    def posting_link(self, obj: PostingReport | PostingChange) -> str:
        return _posting_links(obj.posting)


@admin.register(PostingReport)
class PostingReportAdmin(PostingRecordAdmin):
    list_display = ["reason_short", "posting_link", "reporter", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "content_type", "created_at"]
    list_select_related = ["reporter", "resolved_by", "content_type"]
    search_fields = ["reason", "reporter__email"]
    fields = ["posting_link", "reason", "reporter", "created_at", "resolved_at", "resolved_by"]
    readonly_fields = fields

    @admin.display(description=_("reason"))
    def reason_short(self, report: PostingReport) -> str:
        return str(report)


@admin.register(PostingChange)
class PostingChangeAdmin(PostingRecordAdmin):
    list_display = ["created_at", "posting_link", "action", "user", "note"]
    list_filter = ["action", "content_type", "created_at"]
    list_select_related = ["user", "content_type"]
    search_fields = ["note", "user__email"]
    fields = ["posting_link", "action", "user", "created_at", "changes", "note"]
    readonly_fields = fields
