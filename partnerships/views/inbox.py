"""The dashboard: the signed-in user's inbox (partnerships.inbox) and their municipalities."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.inbox import inbox_of


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    inbox = inbox_of(request.user)
    # The navigation shows the number of unread messages; known here, it costs no query.
    context = {"inbox": inbox, "unread_messages": inbox.unread_messages}
    return render(request, "inbox/dashboard.html", context)
