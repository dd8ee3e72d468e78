"""The one-click answers of the "is it still active?" email: signed links that stand in for a
login. A GET only shows the answer with a button (mail scanners open links); the POST acts."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from partnerships.services import reminders

TEMPLATE = "partnerships/still_active.html"


@require_http_methods(["GET", "POST"])
def still_active(request: HttpRequest, token: str) -> HttpResponse:
    try:
        partnership, answer, user = reminders.read_answer_token(token)
    except signing.BadSignature:  # SignatureExpired included
        return render(request, TEMPLATE, {"invalid": True}, status=400)
    context = {"partnership": partnership, "answer": answer, "person": user}
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    try:
        reminders.partnership_answer_reminder(partnership=partnership, answer=answer, user=user)
    except ValidationError as error:
        return render(request, TEMPLATE, {**context, "errors": error.messages})
    return render(request, TEMPLATE, {**context, "done": True})
