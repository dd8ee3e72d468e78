"""Managers of the members edit a partnership, its contacts and status, and keep its signed
agreement, which only the members' officials and staff may download."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import add_service_errors, error_messages, form_error_messages
from partnerships import services
from partnerships.documents import agreement_download
from partnerships.forms import AgreementForm, ContactForm, PartnershipForm, StatusForm
from partnerships.models import Partnership
from partnerships.permissions import Access
from partnerships.selectors.visibility import people_of
from partnerships.views.common import back, readable


def _contact_forms(partnership: Partnership, rights: Access) -> list:
    """A form per member whose officer the reader may name, with its people (one query)."""
    managed = [
        m for m in partnership.members.all() if rights.staff or m.municipality_id in rights.managing
    ]
    people = people_of([member.municipality_id for member in managed])
    return [
        (
            member,
            ContactForm(
                people=people.get(member.municipality_id, []),
                initial={"municipality": member.municipality_id, "contact": member.contact_id},
            ),
        )
        for member in managed
    ]


@login_required
def edit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    partnership, rights = readable(request, uuid)
    if not rights.can_manage or partnership.is_closed_proposal:
        raise PermissionDenied
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                user=request.user,
                partnership=partnership,
                sectors=list(form.cleaned_data["sectors"]),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partnership is saved."))
            return back(partnership)
    context = {
        "form": form,
        "partnership": partnership,
        "heading": _("Edit the partnership"),
        "contact_forms": _contact_forms(partnership, rights),
        "agreement_form": AgreementForm(),
        "max_size": settings.PARTNERSHIP_AGREEMENT_MAX_BYTES,
    }
    return render(request, "partnerships/edit.html", context)


@require_POST
@login_required
def change_status(request: HttpRequest, uuid: UUID) -> HttpResponse:
    partnership, _rights = readable(request, uuid)
    form = StatusForm(request.POST, partnership=partnership)
    if not form.is_valid():
        form_error_messages(request, form)
        return back(partnership)
    try:
        services.partnership_set_status(
            user=request.user,
            partnership=partnership,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
        )
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The status of the partnership is changed."))
    return back(partnership)


@require_POST
@login_required
def set_contact(request: HttpRequest, uuid: UUID) -> HttpResponse:
    partnership, _rights = readable(request, uuid)
    form = ContactForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return back(partnership)
    try:
        services.partnership_set_contact(
            user=request.user, partnership=partnership, **form.cleaned_data
        )
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The partnership officer is saved."))
    return back(partnership)


@require_POST
@login_required
def upload_agreement(request: HttpRequest, uuid: UUID) -> HttpResponse:
    partnership, _rights = readable(request, uuid)
    remove = "remove" in request.POST
    form = AgreementForm(request.POST, request.FILES)
    if not remove and not form.is_valid():
        form_error_messages(request, form)
        return back(partnership)
    try:
        services.partnership_attach_agreement(
            user=request.user,
            partnership=partnership,
            document=None if remove else form.cleaned_data["document"],
        )
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request, _("The agreement is removed.") if remove else _("The agreement is stored.")
        )
    return back(partnership)


@login_required
def agreement(request: HttpRequest, uuid: UUID) -> FileResponse:
    """The signed agreement, for the members' officials and staff only; never a public URL."""
    partnership, rights = readable(request, uuid)
    return agreement_download(partnership, allowed=rights.sees_contacts)
