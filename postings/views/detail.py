"""One need or offer: for everyone when public, with the history and actions for its municipality's
members."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from accounts.models import User
from municipalities.models import Membership
from postings import permissions
from postings.models import Posting, PostingChange
from postings.selectors import posting_for_reader, posting_history
from postings.services.lifecycle import Answer

Status = Posting.Status
ANSWER_LABELS = {
    Answer.STILL_CURRENT: _("Still current"),
    Answer.PARTLY_COVERED: _("Partly covered"),
    Answer.DONE: _("Done: fully covered"),
}
# History notes worth showing: a reason given by a person, not a machine code.
NOTED_ACTIONS = (
    PostingChange.Action.WITHDRAWN,
    PostingChange.Action.HIDDEN,
    PostingChange.Action.RESTORED,
)


def _language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


def _has_translation(posting: Posting, language: str) -> bool:
    if language == posting.original_language:
        return False
    return any(
        getattr(posting, build_localized_fieldname(field, language), "")
        for field in ("title", "description")
    )


def _text(posting: Posting, original: bool) -> dict:
    """Title and description in the reader's language if translated (unless the original was
    asked for), else as written."""
    reader = get_language() or settings.LANGUAGE_CODE
    translated = _has_translation(posting, reader)
    language = reader if translated and not original else posting.original_language
    return {
        "title": posting.text("title", language),
        "description": posting.text("description", language),
        "text_language": language,
        "has_translation": translated,
        "showing_original": language == posting.original_language,
        "original_language_name": _language_name(posting.original_language),
        "reader_language_name": _language_name(reader),
    }


def _field_label(model: type[Posting], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _history(posting: Posting) -> list[dict]:
    model = type(posting)
    return [
        {
            "entry": entry,
            "fields": [_field_label(model, name) for name in entry.changes],
            "note": entry.note if entry.action in NOTED_ACTIONS else "",
        }
        for entry in posting_history(posting)
    ]


def _actions(posting: Posting, membership: Membership | None) -> dict:
    """What the member may do now; each URL is the form's target (the views are elsewhere)."""
    if membership is None:
        return {}
    namespace = type(posting)._meta.app_label

    def url(name: str) -> str:
        return reverse(f"{namespace}:{name}", kwargs={"pk": posting.pk})

    draft = posting.status == Status.DRAFT
    closed = posting.status in Posting.CLOSED_STATUSES
    waiting = draft and posting.submitted_at is not None
    return {
        "edit": url("edit") if not closed else None,
        "publish": url("publish") if draft and not waiting else None,
        "approve": url("approve") if waiting and membership.is_manager else None,
        "withdraw": url("withdraw") if not closed else None,
        "confirm": url("confirm") if posting.is_open else None,
    }


def _member_of(user: User, posting: Posting) -> tuple[bool, bool]:
    """(member of the posting's municipality, official of some verified municipality)."""
    if not user.is_authenticated:
        return False, False
    memberships = list(Membership.objects.filter(user=user).select_related("municipality"))
    member = any(m.municipality_id == posting.municipality_id for m in memberships)
    official = any(m.municipality.is_verified for m in memberships)
    return member, official


def posting_detail(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = posting_for_reader(model, pk)
    if posting is None or not permissions.can_see(request.user, posting):
        raise Http404
    member, official = _member_of(request.user, posting)
    insider = member or request.user.is_staff
    acting = permissions.acting_membership(request.user, posting.municipality) if member else None
    namespace = model._meta.app_label
    context = {
        "posting": posting,
        "kind": model._meta.model_name,
        "list_url": reverse(f"{namespace}:list"),
        "date_label": _field_label(model, model.date_field_name),
        **_text(posting, original=request.GET.get("original") == "1"),
        "contact_visible": permissions.can_see_contact(request.user),
        "insider": insider,
        "history": _history(posting) if insider else [],
        "actions": _actions(posting, acting),
        "answers": [(answer, ANSWER_LABELS[answer]) for answer in Answer.ALL],
        "report_url": reverse(f"{namespace}:report", kwargs={"pk": pk})
        if official and not member
        else None,
    }
    return render(request, "postings/detail.html", context)
