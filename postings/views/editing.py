"""Creating, editing and acting on needs and offers. The services decide and record; these views
turn their PermissionDenied into a 403 and their ValidationError into form errors or messages."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import error_messages, form_error_messages
from municipalities.models import Municipality
from municipalities.selectors import acting_municipalities
from postings import permissions, selectors
from postings.forms import PostingForm, ReopenForm, ReportForm, WithdrawForm
from postings.models import Posting
from postings.services import coverage, lifecycle, moderation
from postings.services.lifecycle import Answer

Status = Posting.Status


def _posting_or_404(request: HttpRequest, model: type[Posting], pk: int) -> Posting:
    """The posting if the user may see it; a draft of another municipality is not found."""
    posting = selectors.posting_for_reader(model, pk)
    if posting is None or not permissions.can_see(request.user, posting):
        raise Http404
    return posting


def _saved_message(request: HttpRequest, posting: Posting) -> None:
    if posting.status == Status.PUBLISHED:
        messages.success(request, _("The posting is published."))
    elif posting.submitted_at is not None:
        messages.success(
            request, _("The posting is saved and waits for a manager of your municipality.")
        )
    else:
        messages.success(request, _("The posting is saved as a draft."))


def _preselected(request: HttpRequest, allowed: list[Municipality]) -> Municipality | None:
    slug = request.GET.get("municipality", "")
    if not slug:
        return None
    for municipality in allowed:
        if municipality.slug == slug:
            return municipality
    raise PermissionDenied


def _form_page(request: HttpRequest, form: PostingForm, **context) -> HttpResponse:
    context = {"form": form, "model": form.model, "opts": form.model._meta, **context}
    return render(request, "postings/form.html", context)


@verified_email_required
def posting_create(request: HttpRequest, model: type[Posting]) -> HttpResponse:
    allowed = acting_municipalities(request.user)
    if not allowed:
        raise PermissionDenied
    form = PostingForm(
        request.POST or None,
        model=model,
        user=request.user,
        municipalities=allowed,
        municipality=_preselected(request, allowed),
    )
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form)
    duplicates = []
    if not form.cleaned_data["confirm_not_duplicate"]:
        duplicates = selectors.similar_postings(
            model, form.chosen_municipality, form.cleaned_data["title"]
        )
    if duplicates:
        return _form_page(request, form, duplicates=duplicates)
    try:
        posting = lifecycle.posting_create(
            user=request.user,
            model=model,
            municipality=form.chosen_municipality,
            publish=form.publishing,
            **form.posting_fields(),
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return _form_page(request, form)
    _saved_message(request, posting)
    return redirect(posting)


@verified_email_required
def posting_edit(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = _posting_or_404(request, model, pk)
    if not permissions.can_edit(request.user, posting):
        raise PermissionDenied
    if posting.status in Posting.CLOSED_STATUSES:
        messages.error(request, _("A closed posting cannot be edited."))
        return redirect(posting)
    form = PostingForm(request.POST or None, model=model, user=request.user, posting=posting)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form, posting=posting)
    try:
        with transaction.atomic():
            posting = lifecycle.posting_update(
                user=request.user, posting=posting, **form.posting_fields()
            )
            if form.publishing and posting.status == Status.DRAFT:
                posting = lifecycle.posting_publish(user=request.user, posting=posting)
    except ValidationError as error:
        form.add_service_errors(error)
        return _form_page(request, form, posting=posting)
    _saved_message(request, posting)
    return redirect(posting)


@require_POST
@verified_email_required
def posting_publish(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = _posting_or_404(request, model, pk)
    try:
        posting = lifecycle.posting_publish(user=request.user, posting=posting)
    except ValidationError as error:
        error_messages(request, error)
    else:
        _saved_message(request, posting)
    return redirect(posting)


@require_POST
@verified_email_required
def posting_approve(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = _posting_or_404(request, model, pk)
    try:
        posting = lifecycle.posting_approve(user=request.user, posting=posting)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The posting is approved and published."))
    return _back(request, posting)


@verified_email_required
def posting_withdraw(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = _posting_or_404(request, model, pk)
    if not permissions.can_edit(request.user, posting):
        raise PermissionDenied
    if posting.status in Posting.CLOSED_STATUSES:
        messages.error(request, _("This posting is already closed."))
        return redirect(posting)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.posting_withdraw(
                user=request.user, posting=posting, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("The posting is withdrawn. It stays in your records."))
        return redirect(posting)
    context = {"form": form, "posting": posting, "opts": model._meta}
    return render(request, "postings/confirm_withdraw.html", context)


def _back(request: HttpRequest, posting: Posting) -> HttpResponse:
    """Back to the page the action was taken on (the dashboard), else to the posting."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(posting)


CONFIRMED = {
    Answer.STILL_CURRENT: gettext_lazy("Thank you: the posting is confirmed as still current."),
    Answer.PARTLY_COVERED: gettext_lazy("Thank you: the posting is marked as partly covered."),
    Answer.DONE: gettext_lazy("Thank you: the posting is marked as fulfilled."),
}


@require_POST
@verified_email_required
def posting_confirm(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = _posting_or_404(request, model, pk)
    answer = request.POST.get("answer", "")
    if answer == Answer.DONE and not request.POST.get("confirmed"):
        # Closing takes the posting out of matching: asked once more, on a page of its own.
        context = {"posting": posting, "next": request.POST.get("next", ""), "answer": answer}
        return render(request, "postings/confirm_done.html", context)
    try:
        posting = lifecycle.posting_confirm(user=request.user, posting=posting, answer=answer)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, CONFIRMED[answer])
    return _back(request, posting)


@verified_email_required
def posting_reopen(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    """Take back a "fully covered" answer given in the last 14 days, with a reason."""
    posting = _posting_or_404(request, model, pk)
    if not permissions.can_edit(request.user, posting):
        raise PermissionDenied
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            coverage.posting_reopen(
                user=request.user, posting=posting, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("The posting is open again and will be matched."))
        return redirect(posting)
    context = {"form": form, "posting": posting}
    return render(request, "postings/confirm_reopen.html", context)


@require_POST
@verified_email_required
def posting_report(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = _posting_or_404(request, model, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect(posting)
    try:
        moderation.posting_report(
            user=request.user, posting=posting, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("Thank you. A moderator will look at this posting."))
    return redirect(posting)
