from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.selectors import memberships_of, pending_join_requests_of


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {
        "memberships": memberships_of(request.user),
        "join_requests": pending_join_requests_of(request.user),
    }
    return render(request, "municipalities/dashboard.html", context)
