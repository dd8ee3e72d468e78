"""Proposing a partnership, and confirming or declining a proposal. The services decide;
these views turn a ValidationError into messages and a PermissionDenied into a 403."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import add_service_errors, error_messages, form_error_messages
from municipalities.selectors import acting_municipalities, memberships_of
from partnerships import services
from partnerships.forms import AnswerForm, ProposalForm
from partnerships.views.common import back, readable


def managed_municipalities(user) -> list:
    """The verified municipalities the user may act for as a manager."""
    acting = {municipality.pk for municipality in acting_municipalities(user)}
    return [
        membership.municipality
        for membership in memberships_of(user)
        if membership.is_manager and membership.municipality_id in acting
    ]


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    managed = managed_municipalities(request.user)
    heading = _("Propose a partnership")
    if not managed:
        context = {"heading": heading, "cannot_propose": True}
        return render(request, "partnerships/form.html", context, status=403)
    form = ProposalForm(request.POST or None, managed=managed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_propose(
                user=request.user,
                municipality=data["municipality"],
                partners=list(data["partners"]),
                sectors=list(data["sectors"]),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your proposal is sent. The partnership becomes active once every partner "
                    "has confirmed it."
                ),
            )
            return redirect(partnership.get_absolute_url())
    return render(request, "partnerships/form.html", {"form": form, "heading": heading})


def _answer(request: HttpRequest, uuid: UUID, service, done: str) -> HttpResponse:
    partnership, _rights = readable(request, uuid)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return back(partnership)
    try:
        service(
            user=request.user,
            partnership=partnership,
            municipality=form.cleaned_data["municipality"],
        )
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, done)
    return back(partnership)


@require_POST
@login_required
def confirm(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _answer(request, uuid, services.partnership_confirm, _("Your confirmation is recorded."))


@require_POST
@login_required
def decline(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _answer(
        request,
        uuid,
        services.partnership_decline,
        _("The proposal is declined. The other members are told."),
    )
