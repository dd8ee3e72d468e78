from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from knox.models import AuthToken

from accounts.models import ApiTokenDetails, User
from accounts.selectors import has_verified_email

# What the account page offers; a token without expiry lives until it is revoked.
TOKEN_LIFETIMES_DAYS = (30, 90, 365)
TOKENS_PER_USER = 20


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


PROFILE_FIELDS = ("first_name", "last_name", "function", "phone")


def user_update_profile(*, user: User, **fields: str) -> None:
    """The name, function and phone a user shows to other officials."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(user, name, value.strip())
    others = [field.name for field in User._meta.fields if field.name not in fields]
    user.full_clean(exclude=others)
    user.save(update_fields=list(fields))


@transaction.atomic
def api_token_create(
    *, user: User, name: str, lifetime: timedelta | None
) -> tuple[ApiTokenDetails, str]:
    """A new API token and its text, which is shown once and stored only as a digest. Expired
    tokens count towards the limit until they are revoked: the account page shows them, so that
    a program that stopped working can be traced to its token."""
    if not has_verified_email(user):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the program that uses it.")})
    if lifetime is not None and lifetime <= timedelta(0):
        raise ValidationError({"lifetime": _("A token must be valid for some time.")})
    # One creation at a time per user, so that two at once cannot pass the limit together.
    User.objects.select_for_update().only("pk").get(pk=user.pk)
    if AuthToken.objects.filter(user=user).count() >= TOKENS_PER_USER:
        raise ValidationError(
            _("You have %(count)d tokens; revoke one you no longer use first.")
            % {"count": TOKENS_PER_USER}
        )
    token, text = AuthToken.objects.create(user=user, expiry=lifetime)
    return ApiTokenDetails.objects.create(token=token, name=name[:100]), text


@transaction.atomic
def api_token_revoke(*, user: User, token: AuthToken) -> None:
    """Revoked, the token stops working at once (its row is gone)."""
    if token.user_id != user.pk:
        raise PermissionDenied
    token.delete()
