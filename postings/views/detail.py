"""One need or offer: for everyone when public, with the history and actions for its municipality's
members."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, get_language_info

from core.languages import localized_field
from municipalities.models import Membership
from municipalities.selectors import acting_membership, is_official, membership_of
from postings import permissions
from postings.models import TRANSLATED_FIELDS, Posting, PostingChange
from postings.selectors import posting_for_reader, posting_history
from postings.services.lifecycle import Answer

Status = Posting.Status
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
        getattr(posting, localized_field(field, language), "") for field in TRANSLATED_FIELDS
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


def posting_detail(request: HttpRequest, model: type[Posting], pk: int) -> HttpResponse:
    posting = posting_for_reader(model, pk)
    if posting is None or not permissions.can_see(request.user, posting):
        raise Http404
    member = membership_of(request.user, posting.municipality) is not None
    insider = member or request.user.is_staff
    acting = acting_membership(request.user, posting.municipality) if member else None
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
        "answers": Answer.choices,
        "report_url": reverse(f"{namespace}:report", kwargs={"pk": pk})
        if not member and is_official(request.user)
        else None,
    }
    return render(request, "postings/detail.html", context)
