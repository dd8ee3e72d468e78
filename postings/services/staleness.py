"""Keeping postings current: a reminder with one-click answers after 30 days without
confirmation, expiry after 60."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from core.emails import queue_email
from postings.models import Posting
from postings.registry import posting_model, posting_models
from postings.services.history import record
from postings.services.lifecycle import Action, Answer, Status, close_posting

REMIND_AFTER = timedelta(days=30)
EXPIRE_AFTER = timedelta(days=60)
LINK_VALIDITY = EXPIRE_AFTER - REMIND_AFTER
_SALT = "postings.confirmation"


def confirmation_token(posting: Posting, answer: str) -> str:
    return signing.dumps(
        {"model": posting._meta.label_lower, "pk": posting.pk, "answer": answer}, salt=_SALT
    )


def read_confirmation_token(token: str) -> tuple[Posting, str]:
    """The posting and answer a link stands for; BadSignature (incl. expired) otherwise."""
    data = signing.loads(token, salt=_SALT, max_age=LINK_VALIDITY)
    try:
        posting = (
            posting_model(data["model"]).objects.select_related("municipality").get(pk=data["pk"])
        )
    except (LookupError, KeyError, ObjectDoesNotExist) as error:
        raise signing.BadSignature("Unknown posting") from error
    return posting, data["answer"]


def confirmation_urls(posting: Posting) -> dict[str, str]:
    return {
        answer.replace("-", "_"): reverse(
            "postings:confirm_by_link", args=[confirmation_token(posting, answer)]
        )
        for answer in Answer.ALL
    }


def _stale(model: type[Posting], older_than: timedelta):
    return model.objects.filter(
        status__in=Posting.OPEN_STATUSES, last_confirmed_at__lt=timezone.now() - older_than
    )


def remind_stale_postings() -> int:
    """Email the contact of each posting unconfirmed for 30 days, once per such period."""
    sent = 0
    for model in posting_models():
        stale = _stale(model, REMIND_AFTER).filter(
            reminder_sent_at__isnull=True, contact__isnull=False
        )
        for posting in stale.select_related("contact", "municipality"):
            sent += _remind(posting)
    return sent


@transaction.atomic
def _remind(posting: Posting) -> int:
    contact = posting.contact
    with translation.override(contact.language):
        urls = confirmation_urls(posting)
    email = queue_email(
        to=contact.email,
        language=contact.language,
        template="posting_reminder",
        context={"posting": posting, "urls": urls, "recipient": contact},
        key=f"reminder:{posting._meta.label_lower}:{posting.pk}:{posting.last_confirmed_at:%Y%m%d%H%M%S}",
    )
    posting.reminder_sent_at = timezone.now()
    posting.save(update_fields=["reminder_sent_at", "updated_at"])
    record(posting, Action.REMINDED)
    return int(email is not None)


def expire_stale_postings() -> int:
    """Close postings nobody has confirmed for 60 days."""
    expired = 0
    for model in posting_models():
        for posting in _stale(model, EXPIRE_AFTER).select_related("municipality"):
            with transaction.atomic():
                close_posting(posting, Status.EXPIRED, Action.EXPIRED, None)
            expired += 1
    return expired
