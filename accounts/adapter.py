from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation

from accounts.language import apply_language_chosen_before_login


class AccountAdapter(DefaultAccountAdapter):
    """Keeps the user's language: recorded at sign-up, restored at login."""

    def save_user(self, request, user, form, commit=True):
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        apply_language_chosen_before_login(request)
        user = request.user
        with translation.override(user.language):
            default = reverse("dashboard")
        url = super().get_login_redirect_url(request)
        # Only replace the generic landing page; an explicit ?next= wins.
        return default if url == reverse("dashboard") else url
