"""One-click unsubscribe from match emails: a signed link that stands in for a login."""

from datetime import timedelta

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.services import user_set_match_emails

# Long enough for an email found in the archive months later; an expired link says where the
# setting is instead.
LINK_VALIDITY = timedelta(days=180)
_SALT = "matching.unsubscribe"
TEMPLATE = "matching/unsubscribed.html"


def unsubscribe_token(user: User) -> str:
    return signing.dumps({"user": user.pk}, salt=_SALT)


def read_unsubscribe_token(token: str) -> User:
    """The user a link stands for; BadSignature (incl. expired) otherwise."""
    data = signing.loads(token, salt=_SALT, max_age=LINK_VALIDITY)
    user_id = data.get("user") if isinstance(data, dict) else None
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise signing.BadSignature("Unknown user")
    return user


@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = read_unsubscribe_token(token)
    except signing.BadSignature:  # SignatureExpired included
        return render(request, TEMPLATE, {"invalid": True}, status=400)
    # Mail scanners and preview panes open links on their own: a GET only asks, and nothing
    # changes until the person presses the button.
    if request.method == "GET":
        done = user.match_emails == User.MatchEmails.OFF
        return render(request, TEMPLATE, {"recipient": user, "done": done})
    user_set_match_emails(user=user, match_emails=User.MatchEmails.OFF)
    return render(request, TEMPLATE, {"recipient": user, "done": True})
