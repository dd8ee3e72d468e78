"""One need or offer: for everyone when public, with the history and actions for its municipality's
members."""

from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from municipalities.models import Membership
from municipalities.selectors import acting_membership, is_official, membership_of
from postings import permissions
from postings.models import TRANSLATIONS_ATTRIBUTE, Posting, PostingChange
from postings.reading import Reading, language_name, reading_of
from postings.selectors import posting_for_reader, posting_history, with_translations
from postings.services.lifecycle import Answer

Status = Posting.Status
# History notes worth showing: a reason given by a person, not a machine code.
NOTED_ACTIONS = (
    PostingChange.Action.WITHDRAWN,
    PostingChange.Action.HIDDEN,
    PostingChange.Action.RESTORED,
)


def _field_label(model: type[Posting], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _note(entry: PostingChange) -> str:
    if entry.action == PostingChange.Action.TRANSLATION_CORRECTED:
        return language_name(entry.note) if entry.note else ""
    return entry.note if entry.action in NOTED_ACTIONS else ""


def _history(posting: Posting) -> list[dict]:
    model = type(posting)
    return [
        {
            "entry": entry,
            "fields": [_field_label(model, name) for name in entry.changes],
            "note": _note(entry),
        }
        for entry in posting_history(posting)
    ]


def _correct_url(posting: Posting, reading: Reading, acting: Membership | None) -> str | None:
    """Where an official of the posting's municipality corrects the machine translation into
    the language they read (once there is one)."""
    translated = any(
        row.language == reading.reader_language
        for row in posting.__dict__.get(TRANSLATIONS_ATTRIBUTE) or ()
    )
    if acting is None or not translated:
        return None
    return reverse(
        f"{type(posting)._meta.app_label}:translation",
        kwargs={"pk": posting.pk, "language": reading.reader_language},
    )


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
    reading = reading_of(
        with_translations([posting])[0], original=request.GET.get("original") == "1"
    )
    context = {
        "posting": posting,
        "kind": model._meta.model_name,
        "list_url": reverse(f"{namespace}:list"),
        "date_label": _field_label(model, model.date_field_name),
        "reading": reading,
        "correct_url": _correct_url(posting, reading, acting),
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
