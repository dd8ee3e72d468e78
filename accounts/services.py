from django.conf import settings

from accounts.models import User


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a user chose, for pages and for emails."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def user_set_match_emails(*, user: User, match_emails: str) -> None:
    """How often the user hears about new matches: immediately, in a daily digest, or never
    (from the account page and from the one-click unsubscribe link alike)."""
    if match_emails not in User.MatchEmails.values:
        raise ValueError(f"Unknown match email preference: {match_emails!r}")
    if user.match_emails != match_emails:
        user.match_emails = match_emails
        user.save(update_fields=["match_emails"])
