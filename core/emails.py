"""Emails rendered from subject/text/html templates in the recipient's language and queued in
the outbox: one row per recipient, delivered by a Celery task after commit."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import outbox
from core.models import OutgoingEmail
from core.tasks import send_outgoing_email


def _render_plain(template_name: str, context: dict[str, Any]) -> str:
    """Plain-text parts must not be HTML-escaped ("Chełm & Bytów", not "&amp;")."""
    engine = engines["django"].engine
    return engine.get_template(template_name).render(Context(context, autoescape=False))


def render_email(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, text, html) of `emails/<template>_subject.txt`, `_body.txt`, `_body.html`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = _render_plain(f"emails/{template}_subject.txt", context)
        text = _render_plain(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    return " ".join(subject.split()), text, html


def queue_email(
    *, to: str, language: str, template: str, context: dict[str, Any], key: str | None = None
) -> OutgoingEmail | None:
    """Queue one email, sent after commit. None if an email with this key was queued before."""
    if key and OutgoingEmail.objects.filter(key=key).exists():
        return None
    subject, text, html = render_email(template, context, language)
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                key=key,
                to=to,
                language=language,
                subject=subject,
                body_text=text,
                body_html=html,
                due_at=timezone.now() + outbox.LOST_AFTER,  # for the sweep, if the task is lost
            )
    except IntegrityError:  # the same key, queued at the same moment by someone else
        return None
    send_outgoing_email.delay_on_commit(email.pk)
    return email


def queue_email_to_users(
    users: Iterable[Any], template: str, context: dict[str, Any], *, key: str = ""
) -> int:
    """Queue one email per user, in that user's language; `key` is made unique per user."""
    return sum(
        queue_email_to_user(user, template, context, key=f"{key}:{user.pk}" if key else None)
        for user in users
    )


def queue_email_to_user(
    user: Any, template: str, context: dict[str, Any], *, key: str | None = None
) -> bool:
    """Queue an email to one user, in their language, with `recipient` in the context; False
    when one with this key was queued before."""
    email = queue_email(
        to=user.email,
        language=user.language,
        template=template,
        context={**context, "recipient": user},
        key=key,
    )
    return email is not None


def requeue_emails(email_ids: Iterable[int], *, include_unknown: bool = False) -> int:
    """An admin decided a failed email (or, knowingly, one of unknown delivery) is worth
    another try."""
    with transaction.atomic():
        ids = outbox.requeue(email_ids, include_unknown=include_unknown)
        for email_id in ids:
            send_outgoing_email.delay_on_commit(email_id)
    return len(ids)
