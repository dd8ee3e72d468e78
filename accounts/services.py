from django.conf import settings

from accounts.models import User


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a user chose, for pages and for emails."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
