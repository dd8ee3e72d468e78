"""Matches and their conversations for admins to look into: read-only, since every change of a
match goes through the services (and the engine)."""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin
from core.languages import localized_fields
from matching.models import Conversation, Match, MatchEvent, Message
from matching.sides import Side

# Titles in every language, as modeltranslation stores them.
TITLES = localized_fields(*(f"{side}__title" for side in Side))


class MatchEventInline(admin.TabularInline):
    """The agreement and delivery as they happened, with the reasons of corrections."""

    model = MatchEvent
    fields = ["created_at", "action", "side", "user", "quantity", "previous_quantity", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def dismissals_by_reason() -> list[tuple[str, int]]:
    """Each reason an official may give for a dismissal, with how many dismissals gave it;
    the dismissals without a reason last."""
    counts = dict(
        Match.objects.filter(status=Match.Status.DISMISSED)
        .values_list("dismissal_reason")
        .annotate(count=Count("pk"))
        .order_by()
    )
    rows = [(label, counts.get(value, 0)) for value, label in Match.DismissalReason.choices]
    rows.append((_("No reason given"), counts.get("", 0)))
    return rows


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    inlines = [MatchEventInline]
    list_display = [
        "__str__",
        "need_city",
        "offer_city",
        "score",
        "status",
        "dismissal_reason",
        "updated_at",
    ]
    list_filter = ["status", "dismissed_by", "dismissal_reason"]
    search_fields = [*TITLES, "need__municipality__name", "offer__municipality__name"]
    list_select_related = ["need__municipality", "offer__municipality"]
    date_hierarchy = "created_at"
    ordering = ["-updated_at"]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        """The list, with the dismissals counted by reason above it (those of every match,
        whatever the filters), as evaluate_matching counts what the engine gets wrong."""
        return super().changelist_view(
            request, {**(extra_context or {}), "dismissals_by_reason": dismissals_by_reason()}
        )

    @admin.display(description=_("city in need"), ordering="need__municipality__name")
    def need_city(self, match: Match) -> str:
        return match.need.municipality.name

    @admin.display(description=_("offering city"), ordering="offer__municipality__name")
    def offer_city(self, match: Match) -> str:
        return match.offer.municipality.name


class MessageInline(admin.TabularInline):
    model = Message
    fields = ["created_at", "author", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Message]:
        return super().get_queryset(request).select_related("author")


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "started_by", "created_at"]
    search_fields = [*(f"match__{title}" for title in TITLES), "started_by__email"]
    list_select_related = ["match__need", "match__offer", "started_by"]
    date_hierarchy = "created_at"
    inlines = [MessageInline]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "author", "conversation", "short_body"]
    search_fields = ["body", "author__email"]
    list_select_related = ["author", "conversation__match__need", "conversation__match__offer"]
    date_hierarchy = "created_at"

    @admin.display(description=_("message"))
    def short_body(self, message: Message) -> str:
        return message.body[:80]
