from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts.forms import NotificationPreferencesForm
from accounts.language import remember_language_choice
from accounts.services import user_set_match_emails


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """How often the user hears about new matches of the postings they are the contact of."""
    form = NotificationPreferencesForm(
        request.POST or None, initial={"match_emails": request.user.match_emails}
    )
    if request.method == "POST" and form.is_valid():
        user_set_match_emails(user=request.user, match_emails=form.cleaned_data["match_emails"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembered on the account (after login, if need be)."""
    response = django_set_language(request)
    remember_language_choice(request, request.POST.get("language", ""))
    return response
