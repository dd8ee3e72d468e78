"""Keeping postings current: a reminder with one-click answers after 30 days without
confirmation, expiry after 60."""

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core.emails import queue_email_to_user
from postings.models import Posting
from postings.registry import posting_model, posting_models
from postings.selectors import EXPIRE_AFTER, REMIND_AFTER, posting_contacts, unconfirmed_for
from postings.services.history import record
from postings.services.lifecycle import Action, Answer, Status, close_posting

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


def confirmation_urls(posting: Posting) -> dict[Answer, str]:
    """The one-click link of each answer, in the active language."""
    return {
        answer: reverse("postings:confirm_by_link", args=[confirmation_token(posting, answer)])
        for answer in Answer
    }


def remind_stale_postings() -> int:
    """Email whoever speaks for each posting unconfirmed for 30 days (its contact, else its
    municipality's managers), once per such period. Returns emails queued."""
    sent = 0
    managers: dict[int, list[User]] = {}
    for model in posting_models():
        stale = unconfirmed_for(model.objects.all(), REMIND_AFTER).filter(
            reminder_sent_at__isnull=True
        )
        for posting in stale.select_related("contact", "municipality"):
            sent += _remind(posting, posting_contacts(posting, managers))
    return sent


@transaction.atomic
def _remind(posting: Posting, recipients: list[User]) -> int:
    period = f"{posting._meta.label_lower}:{posting.pk}:{posting.last_confirmed_at:%Y%m%d%H%M%S}"
    queued = 0
    for recipient in recipients:
        with translation.override(recipient.language):
            urls = confirmation_urls(posting)
        queued += queue_email_to_user(
            recipient,
            "posting_reminder",
            {"posting": posting, "urls": urls},
            key=f"reminder:{period}:{recipient.pk}",
        )
    posting.reminder_sent_at = timezone.now()
    posting.save(update_fields=["reminder_sent_at", "updated_at"])
    record(posting, Action.REMINDED)
    return queued


def expire_stale_postings() -> int:
    """Close postings nobody has confirmed for 60 days."""
    expired = 0
    for model in posting_models():
        for posting in unconfirmed_for(model.objects.all(), EXPIRE_AFTER).select_related(
            "municipality"
        ):
            with transaction.atomic():
                close_posting(posting, Status.EXPIRED, Action.EXPIRED, None)
            expired += 1
    return expired
