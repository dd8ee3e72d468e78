import secrets
from datetime import timedelta

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from knox.models import AuthToken

from accounts.forms import ApiTokenForm, NotificationPreferencesForm, ProfileForm
from accounts.language import remember_language_choice
from accounts.services import (
    TOKENS_PER_USER,
    api_token_create,
    api_token_revoke,
    user_set_match_emails,
    user_update_profile,
)
from core.errors import add_service_errors


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The name, function and phone other officials see beside the user's needs and offers."""
    user = request.user
    initial = {name: getattr(user, name) for name in ProfileForm.base_fields}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


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


# The session remembers which create form is current; a form sent again (a reload of the page
# that showed a new token resends its POST) creates nothing. Nothing else about tokens is kept
# in the session: the token's text is never stored anywhere.
_FORM_KEY = "api_token_form"


def _current_form_key(request: HttpRequest) -> str:
    if _FORM_KEY not in request.session:
        request.session[_FORM_KEY] = secrets.token_urlsafe(16)
    return request.session[_FORM_KEY]


def _fresh_form(request: HttpRequest) -> ApiTokenForm:
    return ApiTokenForm(initial={"form_key": _current_form_key(request)})


@never_cache
@verified_email_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's API tokens. A new one is shown once, in the answer to the POST that created
    it, and never again: not after a reload, which creates no second token either."""
    created = None
    if request.method == "POST":
        form, created = _create_token(request)
    else:
        form = _fresh_form(request)
    context = {
        "form": form,
        "created": created,
        "tokens": AuthToken.objects.filter(user=request.user)
        .select_related("details")
        .order_by("-created"),
        "now": timezone.now(),
        "limit": TOKENS_PER_USER,
    }
    return render(request, "accounts/api_tokens.html", context)


def _create_token(request: HttpRequest) -> tuple[ApiTokenForm, tuple | None]:
    """The form to show next, and the new token (details, text) if one was created."""
    data = request.POST.copy()
    stale = data.get("form_key") != _current_form_key(request)
    data["form_key"] = _current_form_key(request)  # sent again on purpose, it may create one
    form = ApiTokenForm(data)
    if not form.is_valid():
        return form, None
    if stale:
        form.add_error(
            None,
            _(
                "Nothing was created: this form was sent already, or a token was created in "
                "another window since. A token is shown only when it is created; if you did "
                "not copy it, revoke it below and create a new one."
            ),
        )
        return form, None
    days = form.cleaned_data["lifetime"]
    try:
        created = api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            lifetime=timedelta(days=days) if days else None,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return form, None
    request.session[_FORM_KEY] = secrets.token_urlsafe(16)
    return _fresh_form(request), created


@require_POST
@verified_email_required
def api_token_revoke_view(request: HttpRequest, token_key: str) -> HttpResponse:
    # Someone else's token is a 404, like one that does not exist.
    token = get_object_or_404(
        AuthToken.objects.select_related("details"), token_key=token_key, user=request.user
    )
    name = token.details.name
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": name})
    return redirect("accounts:api_tokens")
