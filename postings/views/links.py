"""The one-click answers of the staleness reminder: signed links that stand in for a login."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from postings.services import lifecycle, staleness
from postings.services.lifecycle import Answer
from postings.views.editing import CONFIRMED

TEMPLATE = "postings/confirm_by_link.html"


@require_http_methods(["GET", "POST"])
def confirm_by_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        posting, answer = staleness.read_confirmation_token(token)
    except signing.BadSignature:  # SignatureExpired included
        return render(request, TEMPLATE, {"invalid": True}, status=400)
    if answer not in Answer.values:
        return render(request, TEMPLATE, {"invalid": True}, status=400)
    answer = Answer(answer)
    context = {"posting": posting, "answer": answer, "choice": answer.label}
    # Email link scanners and preview panes open GET links on their own, so a GET only shows
    # the answer with a button; nothing changes until the person presses it (a POST).
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    try:
        lifecycle.posting_confirm(posting=posting, answer=answer, authorised=True)
    except ValidationError as error:
        return render(request, TEMPLATE, {**context, "errors": error.messages})
    return render(request, TEMPLATE, {**context, "thanks": CONFIRMED[answer]})
