"""Emails rendered from subject/text/html template triplets in the recipient's language."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import translation


def render_email(template: str, context: dict[str, Any], language: str) -> EmailMultiAlternatives:
    """Render `emails/<template>_subject.txt`, `_body.txt` and `_body.html`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = _render_plain(f"emails/{template}_subject.txt", context)
        text = _render_plain(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, from_email=settings.DEFAULT_FROM_EMAIL
    )
    message.attach_alternative(html, "text/html")
    return message


def _render_plain(template_name: str, context: dict[str, Any]) -> str:
    """Plain-text parts must not be HTML-escaped ("Chełm & Bytów", not "&amp;")."""
    engine = engines["django"].engine
    return engine.get_template(template_name).render(Context(context, autoescape=False))


def send_email_to_users(users: Iterable[Any], template: str, context: dict[str, Any]) -> int:
    """Send one email per user, each rendered in that user's own language."""
    sent = 0
    for user in users:
        message = render_email(template, {**context, "recipient": user}, user.language)
        message.to = [user.email]
        sent += message.send()
    return sent
