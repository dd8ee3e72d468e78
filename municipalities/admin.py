from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import ReadOnlyAdmin
from core.languages import localized_fields
from municipalities import services
from municipalities.admin_filters import CountryFilter
from municipalities.models import (
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    VerificationQueue,
)


class VerificationActionForm(ActionForm):
    reason = forms.CharField(label=_("Reason (for rejection)"), required=False, max_length=1000)


class MembershipForm(forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a membership is a person's: change the role, or remove it
            self.fields["user"].disabled = True


class MembershipFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        roles = {
            form.instance.user_id or form.cleaned_data["user"].pk: None
            if self._should_delete_form(form)
            else form.cleaned_data["role"]
            for form in self.forms
            if form.has_changed()
        }
        services.check_a_manager_remains(self.instance, roles)


class MembershipInline(admin.TabularInline):
    """Members and roles, changed through the services (who may, and that a manager remains)."""

    model = Membership
    form = MembershipForm
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Municipality)
class MunicipalityAdmin(TabbedTranslationAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "region",
        "status",
        "created_at",
        "status_changed_at",
    ]
    list_filter = ["status", "kind", ("country", CountryFilter)]
    search_fields = [*localized_fields("name"), "region"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "status_changed_by",
        "rejection_reason",
        "registrant",
        "created_at",
        "updated_at",
    ]
    prepopulated_fields = {"slug": ["name_en"]}
    # A website typed without a scheme is https, as on the registration form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [MembershipInline]
    actions = ["verify", "reject"]
    action_form = VerificationActionForm
    list_select_related = ["status_changed_by", "registered_by"]

    @admin.display(description=_("registered by"))
    def registrant(self, municipality: Municipality) -> str:
        """Who registered it, to be asked before it is verified: name and email address."""
        user = municipality.registered_by
        if user is None:
            return self.get_empty_value_display()
        return format_html(
            '<a href="{}">{}</a> &lt;<a href="mailto:{}">{}</a>&gt;',
            reverse("admin:accounts_user_change", args=[user.pk]),
            user.get_full_name() or user.email,
            user.email,
            user.email,
        )

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # The slug is in every link to the municipality: set once, when it is added.
        return [*self.readonly_fields, "slug"] if obj is not None else self.readonly_fields

    def get_prepopulated_fields(self, request: HttpRequest, obj=None) -> dict:
        return self.prepopulated_fields if obj is None else {}

    def save_model(self, request: HttpRequest, obj: Municipality, form, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name != "slug"}
        if change:
            services.municipality_update(user=request.user, municipality=obj, **fields)
        else:  # the admin logs, links and saves the inlines for `obj`
            obj.pk = services.municipality_create(
                admin=request.user, slug=form.cleaned_data["slug"], **fields
            ).pk

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        """Memberships through the services: roles first, then removals, so that a manager
        appointed in the same save counts. The lists are what the admin's history logs."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        removed = [inline for inline in formset.forms if formset._should_delete_form(inline)]
        for inline in formset.forms:
            if inline not in removed and inline.has_changed():
                saved = services.membership_set(
                    manager=request.user,
                    municipality=form.instance,
                    user=inline.cleaned_data["user"],
                    role=inline.cleaned_data["role"],
                )
                if inline.instance.pk:
                    formset.changed_objects.append((saved, inline.changed_data))
                else:
                    formset.new_objects.append(saved)
        for inline in removed:
            if inline.instance.pk:
                services.membership_remove(manager=request.user, membership=inline.instance)
                formset.deleted_objects.append(inline.instance)

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
    list_display = ["name", "kind", "country", "region", "registrant", "created_at"]
    list_filter = [("country", CountryFilter)]
    ordering = ["created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        return super().get_queryset(request).filter(status=Municipality.Status.PENDING)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(ReadOnlyAdmin):
    """Decided by the municipality's managers, or here by an admin: through the services, so
    the person is emailed and becomes a member as on the members page."""

    list_display = ["user", "municipality", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", *localized_fields("municipality__name")]
    list_select_related = ["user", "municipality"]
    actions = ["approve", "decline"]

    @admin.action(description=_("Approve the selected join requests"))
    def approve(self, request: HttpRequest, queryset: QuerySet[JoinRequest]) -> None:
        self._decide(request, queryset, services.join_request_approve)

    @admin.action(description=_("Decline the selected join requests"))
    def decline(self, request: HttpRequest, queryset: QuerySet[JoinRequest]) -> None:
        self._decide(request, queryset, services.join_request_decline)

    def _decide(self, request: HttpRequest, queryset: QuerySet[JoinRequest], decide) -> None:
        decided = 0
        for join_request in queryset.filter(status=JoinRequest.Status.PENDING):
            decide(manager=request.user, join_request=join_request)
            self.log_change(request, join_request, [{"changed": {"fields": ["status"]}}])
            decided += 1
        self.message_user(request, _("%(count)d join requests answered.") % {"count": decided})


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["municipality", "email", "role"]

    def validate_unique(self) -> None:
        # Inviting an address again renews its open invitation: the service's job.
        pass

    def clean(self) -> dict:
        data = super().clean()
        if data.get("municipality") and data.get("email"):
            services.check_invitation(data["municipality"], data["email"])
        return data


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Admins invite someone (the first manager of a municipality, say) through the same
    service as the members page; deleting an open invitation revokes it."""

    form = InvitationForm
    list_display = ["email", "municipality", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", *localized_fields("municipality__name")]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Invitation | None = None) -> bool:
        accepted = obj is not None and obj.accepted_at is not None
        return super().has_delete_permission(request, obj) and not accepted

    def save_model(self, request: HttpRequest, obj: Invitation, form, change: bool) -> None:
        # The admin logs and links `obj`; the service may renew an invitation already there.
        obj.pk = services.invitation_send(manager=request.user, **form.cleaned_data).pk

    def delete_model(self, request: HttpRequest, obj: Invitation) -> None:
        services.invitation_revoke(manager=request.user, invitation=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        for invitation in queryset.filter(accepted_at__isnull=True):
            services.invitation_revoke(manager=request.user, invitation=invitation)
