"""Remembering the interface language a person picks, before and after they log in."""

from django.conf import settings
from django.http import HttpRequest

from accounts.services import user_set_language

_CHOSEN_BEFORE_LOGIN = "language_chosen_before_login"


def remember_language_choice(request: HttpRequest, language: str) -> None:
    """Save a switcher choice on the account, or keep it in the session until login."""
    if language not in dict(settings.LANGUAGES):
        return
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    else:
        request.session[_CHOSEN_BEFORE_LOGIN] = language


def apply_language_chosen_before_login(request: HttpRequest) -> None:
    """A language picked on the login page is an explicit choice: it becomes the account's."""
    language = request.session.pop(_CHOSEN_BEFORE_LOGIN, None)
    if language:
        user_set_language(user=request.user, language=language)
