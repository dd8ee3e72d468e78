from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import NotificationPreferencesForm


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """How often the user hears about new matches of the postings they are the contact of."""
    form = NotificationPreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.save(update_fields=["match_emails"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"form": form})
