"""A match's page with its conversation, the actions on it, and a municipality's matches. The
services decide; these views turn PermissionDenied into a 403, and a ValidationError into
the errors of the form it came from, shown again with what was typed. Anyone outside the two
municipalities (and staff) gets a 404."""

from collections.abc import Callable
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import add_service_errors, error_messages, form_error_messages
from matching import permissions, selectors, services
from matching.agreement import AgreementConflict
from matching.forms import (
    AcceptForm,
    AgreeForm,
    ContactForm,
    CorrectDeliveryForm,
    DeliverForm,
    DismissForm,
    FullyCoveredForm,
    MessageForm,
    UndoForm,
)
from matching.models import Match
from matching.reading import mark_read
from matching.sides import Side
from municipalities.models import Municipality
from municipalities.selectors import membership_of
from postings.reading import reading_of
from postings.selectors import posting_contacts

Status = Match.Status


def _actions(match: Match, sides: list[str], can_write: bool, talking: bool) -> dict:
    """What the reader may do now (the services check the same again)."""
    status = match.status
    receiving = Side.NEED in sides
    pending = match.pending_side
    correctable = (services.correctable_until(match) or timezone.now()) > timezone.now()
    delivered = status == Status.DELIVERED
    return {
        "contact": bool(sides) and status == Status.SUGGESTED,
        "message": can_write and talking and status in services.TALKING_STATUSES,
        "agree": bool(sides) and status in (Status.CONTACTED, Status.AGREED),
        "accept": pending is not None
        and status in (Status.CONTACTED, Status.AGREED)
        and (pending not in sides or len(sides) == 2)
        and bool(sides),
        "deliver": receiving and status == Status.AGREED,
        "correct": receiving and delivered and correctable and match.fully_covered_at is None,
        "fully_covered": receiving
        and delivered
        and match.fully_covered_at is None
        and match.need.is_open,
        "undo_fully_covered": receiving and correctable and match.fully_covered_at is not None,
        "dismiss": [side for side in sides if status in Match.ACTIVE_STATUSES],
    }


# The forms of the page, by name: the one a rejected post came from is shown bound, with its
# errors and what was typed.
FORMS = {
    "contact_form": ContactForm,
    "message_form": MessageForm,
    "agree_form": AgreeForm,
    "accept_form": AcceptForm,
    "deliver_form": DeliverForm,
    "correct_form": CorrectDeliveryForm,
    "undo_form": UndoForm,
    "fully_covered_form": FullyCoveredForm,
    "undo_fully_covered_form": UndoForm,
}


def _detail(
    request: HttpRequest, match: Match, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    sides = permissions.acting_sides(request.user, match)
    conversation = selectors.conversation_of(match)
    revealed = conversation is not None
    can_write = permissions.can_write(request.user, match, sides)
    original = request.GET.get("original") == "1"
    suggested = _suggested_quantity(match)
    forms = {name: form_class() for name, form_class in FORMS.items()}
    forms["agree_form"] = AgreeForm(initial={"quantity": _plain(suggested)})
    forms["deliver_form"] = DeliverForm(initial={"quantity": _plain(match.agreed_quantity)})
    forms["correct_form"] = CorrectDeliveryForm(
        initial={"quantity": _plain(match.delivered_quantity)}
    )
    forms.update(bound or {})
    context = {
        "match": match,
        "need": match.need,
        "offer": match.offer,
        "original": original,
        "readings": {side: reading_of(side.posting(match), original=original) for side in Side},
        "sides": sides,
        "conversation": conversation,
        "thread": selectors.conversation_messages(conversation),
        "history": match.events.select_related("user").order_by("created_at", "pk"),
        "correctable_until": services.correctable_until(match),
        "proposing_city": match.pending_side.municipality(match) if match.pending_side else None,
        "agreed_plain": _plain(match.agreed_quantity),
        "revealed": revealed,
        "contacts": {
            "need": posting_contacts(match.need),
            "offer": posting_contacts(match.offer),
        }
        if revealed
        else {},
        "actions": _actions(match, sides, can_write, revealed),
        "dismissal_reasons": Match.DismissalReason.choices,
        **forms,
    }
    return render(request, "matching/detail.html", context, status=status)


@login_required
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(request, pk)
    conversation = selectors.conversation_of(match)
    if conversation is not None:
        mark_read(user=request.user, conversation=conversation)
    return _detail(request, match)


def _plain(value: Decimal | None) -> str | None:
    """A quantity as a number field takes it: "20", "12.5" (not "20.00", nor "2E+1")."""
    if value is None:
        return None
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def _suggested_quantity(match: Match) -> Decimal | None:
    """What the agree form starts with: the proposal waiting, what was agreed, else what is
    still open."""
    if match.pending_side is not None:
        return match.proposed_quantity
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


def _form_action(
    request: HttpRequest,
    pk: int,
    name: str,
    act: Callable[[Match, dict], object],
    done: str | None,
    anchor: str = "#agreement",
) -> HttpResponse:
    """Validate the form `name`, then act through the service. A rejected form is shown again
    on the page, bound (what was typed kept) with its errors; the form's action ends with its
    id, so the browser scrolls to it. A conflict shows the agreement as it is now (409)."""
    match = _match_or_404(request, pk)
    form = FORMS[name](request.POST)
    status = 400
    if form.is_valid():
        try:
            act(match, form.cleaned_data)
        except AgreementConflict as conflict:
            add_service_errors(form, conflict)
            status = 409
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if done:
                messages.success(request, done)
            return _back(match, anchor)
    return _detail(request, _match_or_404(request, pk), {name: form}, status=status)


@require_POST
@login_required
def match_contact(request: HttpRequest, pk: int) -> HttpResponse:
    def contact(match: Match, data: dict) -> None:
        with transaction.atomic():
            services.match_contact(user=request.user, match=match)
            if data["body"]:
                services.message_post(user=request.user, match=match, body=data["body"])

    return _form_action(
        request,
        pk,
        "contact_form",
        contact,
        _("The conversation is open. The other city's contact details are shown below."),
        anchor="#conversation",
    )


@require_POST
@login_required
def match_message(request: HttpRequest, pk: int) -> HttpResponse:
    def post(match: Match, data: dict) -> None:
        services.message_post(user=request.user, match=match, body=data["body"])

    return _form_action(
        request, pk, "message_form", post, _("Your message is sent."), anchor="#conversation"
    )


@require_POST
@login_required
def match_agree(request: HttpRequest, pk: int) -> HttpResponse:
    def agree(match: Match, data: dict) -> None:
        agreed = services.match_agree(user=request.user, match=match, **data)
        if agreed.status == Status.AGREED and agreed.pending_side is None:
            messages.success(request, _("The agreement is recorded."))
        else:
            messages.success(
                request, _("Your proposal is sent. The other city is asked to accept it.")
            )

    return _form_action(request, pk, "agree_form", agree, None)


@require_POST
@login_required
def match_accept(request: HttpRequest, pk: int) -> HttpResponse:
    def accept(match: Match, data: dict) -> None:
        services.match_accept(user=request.user, match=match, **data)

    return _form_action(request, pk, "accept_form", accept, _("The agreement is recorded."))


@require_POST
@login_required
def match_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    def deliver(match: Match, data: dict) -> None:
        services.match_deliver(user=request.user, match=match, **data)

    return _form_action(
        request,
        pk,
        "deliver_form",
        deliver,
        _("The delivery is confirmed and counted towards the need."),
    )


@require_POST
@login_required
def match_correct_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    def correct(match: Match, data: dict) -> None:
        services.match_correct_delivery(user=request.user, match=match, **data)

    return _form_action(
        request, pk, "correct_form", correct, _("The delivered quantity is corrected.")
    )


@require_POST
@login_required
def match_undo_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    def undo(match: Match, data: dict) -> None:
        services.match_undo_delivery(user=request.user, match=match, **data)

    return _form_action(
        request, pk, "undo_form", undo, _("The delivery is undone; the match is agreed again.")
    )


@require_POST
@login_required
def match_fully_covered(request: HttpRequest, pk: int) -> HttpResponse:
    def covered(match: Match, data: dict) -> None:
        services.match_mark_fully_covered(user=request.user, match=match, **data)

    return _form_action(
        request, pk, "fully_covered_form", covered, _("The need is closed as fully covered.")
    )


@require_POST
@login_required
def match_undo_fully_covered(request: HttpRequest, pk: int) -> HttpResponse:
    def undo(match: Match, data: dict) -> None:
        services.match_undo_fully_covered(user=request.user, match=match, **data)

    return _form_action(request, pk, "undo_fully_covered_form", undo, _("The need is open again."))


@require_POST
@login_required
def match_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(request, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return _back(match)
    try:
        services.match_dismiss(
            user=request.user,
            match=match,
            side=form.cleaned_data["side"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The match is dismissed. It will not be suggested again."))
    return _back(match)


@login_required
def municipality_matches(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not request.user.is_staff and membership_of(request.user, municipality) is None:
        raise PermissionDenied
    matches = selectors.matches_for_municipality(municipality) if municipality.is_verified else []
    context = {"municipality": municipality, "matches": matches}
    return render(request, "matching/municipality_matches.html", context)
