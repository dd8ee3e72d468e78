from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import add_service_errors, error_messages
from municipalities import services
from municipalities.forms import InvitationForm, JoinRequestForm
from municipalities.models import JoinRequest, Municipality
from municipalities.selectors import (
    invitation_by_token,
    is_manager_of,
    members_of,
    open_invitations_for,
    pending_join_requests_for,
)


@require_POST
@verified_email_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                user=request.user, municipality=municipality, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(
                request, _("Your request has been sent to the municipality's managers.")
            )
    else:
        messages.error(request, _("Your message is too long."))
    return redirect("dashboard")


@verified_email_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not is_manager_of(request.user, municipality):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                manager=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("municipalities:members", slug=slug)
    context = {
        "municipality": municipality,
        "members": members_of(municipality),
        "join_requests": pending_join_requests_for(municipality),
        "invitations": open_invitations_for(municipality),
        "form": form,
    }
    return render(request, "municipalities/members.html", context)


@require_POST
@verified_email_required
def join_request_decide(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    join_request = get_object_or_404(JoinRequest, pk=pk, municipality__slug=slug)
    decide = {
        "approve": services.join_request_approve,
        "decline": services.join_request_decline,
    }.get(decision)
    if decide is None:
        raise PermissionDenied
    try:
        decide(manager=request.user, join_request=join_request)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The request has been answered."))
    return redirect("municipalities:members", slug=slug)


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_by_token(token)
    if request.method == "POST":
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(
                request,
                _("Welcome to %(municipality)s.") % {"municipality": membership.municipality},
            )
            return redirect(membership.municipality)
    return render(request, "municipalities/invitation.html", {"invitation": invitation})
