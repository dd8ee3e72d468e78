from allauth.account.adapter import DefaultAccountAdapter
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import translation

from accounts.language import apply_language_chosen_before_login
from accounts.models import User

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
    """Keeps the user's language (recorded at sign-up, restored at login) and refuses what
    allauth would otherwise cut to fit."""

    def save_user(self, request, user, form, commit=True):
        user.language = translation.get_language() or user.language
        user = super().save_user(request, user, form, commit=False)
        user.clean()  # the name as every other way in keeps it (User.clean)
        if commit:
            user.save()
        return user

    def clean_email(self, email: str) -> str:
        """Every form where an address is typed (sign-up, adding an address, password reset)
        passes here. allauth's form field has no length limit and its user_email() cuts the
        address to the column's length: refuse it instead."""
        MaxLengthValidator(EMAIL_MAX_LENGTH)(email)
        return super().clean_email(email)

    def get_login_redirect_url(self, request):
        apply_language_chosen_before_login(request)
        user = request.user
        with translation.override(user.language):
            default = reverse("dashboard")
        url = super().get_login_redirect_url(request)
        # Only replace the generic landing page; an explicit ?next= wins.
        return default if url == reverse("dashboard") else url
