"""An official corrects the machine translation of their municipality's posting into the
language they read; the service keeps it as theirs and records it in the history."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import add_service_errors
from core.languages import LANGUAGE_CODES
from postings import permissions, selectors
from postings.forms import TranslationForm
from postings.models import Posting
from postings.reading import language_name
from postings.services.translation import posting_correct_translation


@verified_email_required
def posting_translation(
    request: HttpRequest, model: type[Posting], pk: int, language: str
) -> HttpResponse:
    posting = selectors.posting_for_reader(model, pk)
    if posting is None or not permissions.can_see(request.user, posting):
        raise Http404
    if not permissions.can_edit(request.user, posting):
        raise PermissionDenied
    if language not in LANGUAGE_CODES or language == posting.original_language:
        raise Http404
    translations = selectors.posting_translations(posting, language)
    if not translations:
        raise Http404
    form = TranslationForm(request.POST or None, posting=posting, translations=translations)
    if request.method == "POST" and form.is_valid():
        try:
            posting_correct_translation(
                user=request.user, posting=posting, language=language, texts=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your corrected translation is saved."))
            return redirect(posting)
    context = {
        "posting": posting,
        "form": form,
        "language_name": language_name(language),
        "original_language_name": language_name(posting.original_language),
    }
    return render(request, "postings/translation_form.html", context)
