"""A match's page with its conversation, the actions on it, and a municipality's matches. The
services decide; these views turn PermissionDenied into a 403 and ValidationError into
messages. Anyone outside the two municipalities (and staff) gets a 404."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import error_messages, form_error_messages
from matching import permissions, selectors, services
from matching.forms import ContactForm, DismissForm, MessageForm, QuantityForm
from matching.models import Match
from matching.sides import Side
from municipalities.models import Municipality
from municipalities.selectors import membership_of
from postings.reading import reading_of
from postings.selectors import posting_contacts

Status = Match.Status


def _actions(match: Match, sides: list[str], can_write: bool, talking: bool) -> dict:
    """What the reader may do now (the services check the same again)."""
    status = match.status
    return {
        "contact": bool(sides) and status == Status.SUGGESTED,
        "message": can_write and talking and status in services.TALKING_STATUSES,
        "agree": bool(sides) and status in (Status.CONTACTED, Status.AGREED),
        "deliver": Side.NEED in sides and status == Status.AGREED,
        "dismiss": [side for side in sides if status in Match.ACTIVE_STATUSES],
    }


@login_required
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_for_reader(pk)
    if match is None or not permissions.can_read(request.user, match):
        raise Http404
    sides = permissions.acting_sides(request.user, match)
    conversation = selectors.conversation_of(match)
    revealed = conversation is not None
    can_write = permissions.can_write(request.user, match, sides)
    original = request.GET.get("original") == "1"
    context = {
        "match": match,
        "need": match.need,
        "offer": match.offer,
        "original": original,
        "readings": {side: reading_of(side.posting(match), original=original) for side in Side},
        "sides": sides,
        "conversation": conversation,
        "thread": selectors.conversation_messages(conversation),
        "revealed": revealed,
        "contacts": {
            "need": posting_contacts(match.need),
            "offer": posting_contacts(match.offer),
        }
        if revealed
        else {},
        "actions": _actions(match, sides, can_write, revealed),
        "contact_form": ContactForm(),
        "message_form": MessageForm(),
        "quantity_form": QuantityForm(initial={"quantity": _suggested_quantity(match)}),
    }
    return render(request, "matching/detail.html", context)


def _suggested_quantity(match: Match):
    """What the agree and deliver forms start with: what was agreed, else what is still open."""
    if match.agreed_quantity is not None:
        return match.agreed_quantity
    need_open = match.need.quantity_open
    offer_open = match.offer.quantity_open
    if need_open is not None and offer_open is not None:
        return min(need_open, offer_open)
    return need_open


def _match_or_404(request: HttpRequest, pk: int) -> Match:
    match = selectors.match_for_reader(pk)
    if match is None or not permissions.can_read(request.user, match):
        raise Http404
    return match


def _back(match: Match, anchor: str = "") -> HttpResponse:
    return redirect(reverse("matching:detail", kwargs={"pk": match.pk}) + anchor)


def _act(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    try:
        action()
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, done)


@require_POST
@login_required
def match_contact(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(request, pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return _back(match)
    body = form.cleaned_data["body"]

    @transaction.atomic
    def contact() -> None:
        services.match_contact(user=request.user, match=match)
        if body:
            services.message_post(user=request.user, match=match, body=body)

    _act(
        request,
        contact,
        _("The conversation is open. The other city's contact details are shown below."),
    )
    return _back(match, "#conversation")


@require_POST
@login_required
def match_message(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request,
        pk,
        MessageForm,
        services.message_post,
        _("Your message is sent."),
        anchor="#conversation",
    )


def _form_action(
    request: HttpRequest, pk: int, form_class, service, done: str, anchor: str = ""
) -> HttpResponse:
    """Validate the small action form, then call the service with its fields."""
    match = _match_or_404(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return _back(match, anchor)
    _act(request, lambda: service(user=request.user, match=match, **form.cleaned_data), done)
    return _back(match, anchor)


@require_POST
@login_required
def match_agree(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request, pk, QuantityForm, services.match_agree, _("The agreement is recorded.")
    )


@require_POST
@login_required
def match_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request,
        pk,
        QuantityForm,
        services.match_deliver,
        _("The delivery is confirmed and counted towards the need."),
    )


@require_POST
@login_required
def match_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request,
        pk,
        DismissForm,
        services.match_dismiss,
        _("The match is dismissed. It will not be suggested again."),
    )


@login_required
def municipality_matches(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not request.user.is_staff and membership_of(request.user, municipality) is None:
        raise PermissionDenied
    matches = selectors.matches_for_municipality(municipality) if municipality.is_verified else []
    context = {"municipality": municipality, "matches": matches}
    return render(request, "matching/municipality_matches.html", context)
