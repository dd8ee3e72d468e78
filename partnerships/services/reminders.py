"""Partnerships that have gone quiet: twelve months without an activity, an event or a status
change, and its contacts are asked whether it still lasts, with one-click answers (signed
links that stand in for a login, as the postings' staleness reminders do)."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.emails import queue_email_to_user
from municipalities.selectors import managers_of, membership_of
from partnerships.models import Partnership
from partnerships.services.history import locked, set_status, touch
from partnerships.services.notifications import with_member_names

Status = Partnership.Status
QUIET_FOR = timedelta(days=365)
LINK_VALIDITY = timedelta(days=60)
_SALT = "partnerships.still-active"


class Answer(models.TextChoices):
    STILL_ACTIVE = "active", gettext_lazy("Yes, it is still active")
    SUSPENDED = "suspended", gettext_lazy("It is paused for now")
    ENDED = "ended", gettext_lazy("It has ended")


def answer_token(partnership: Partnership, answer: str, user: User) -> str:
    return signing.dumps({"pk": partnership.pk, "answer": answer, "user": user.pk}, salt=_SALT)


def read_answer_token(token: str) -> tuple[Partnership, Answer, User]:
    """What a link stands for; BadSignature (expired included) for anything else."""
    data = signing.loads(token, salt=_SALT, max_age=LINK_VALIDITY)
    try:
        partnership = Partnership.objects.get(pk=data["pk"])
        user = User.objects.get(pk=data["user"], is_active=True)
        answer = Answer(data["answer"])
    except (KeyError, ValueError, TypeError, ObjectDoesNotExist) as error:
        raise signing.BadSignature("Unknown partnership, person or answer") from error
    return partnership, answer, user


def answer_urls(partnership: Partnership, user: User) -> dict[Answer, str]:
    """The one-click link of each answer, in the active language."""
    return {
        answer: reverse("partnerships:still_active", args=[answer_token(partnership, answer, user)])
        for answer in Answer
    }


def contacts_of(partnership: Partnership) -> list[User]:
    """Who speaks for each member: its partnership officer, else its managers."""
    recipients: dict[int, User] = {}
    today = timezone.localdate()
    for member in partnership.members.select_related("contact", "municipality"):
        if not member.is_current(today):
            continue
        if member.contact is not None and member.contact.is_active:
            speakers = [member.contact]
        else:
            speakers = list(managers_of(member.municipality).order_by("pk"))
        recipients.update((user.pk, user) for user in speakers)
    return list(recipients.values())


def quiet_partnerships() -> models.QuerySet[Partnership]:
    """Active partnerships with no sign of life for twelve months, not yet asked since."""
    return Partnership.objects.filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=F("last_active_at")),
        status=Status.ACTIVE,
        last_active_at__lte=timezone.now() - QUIET_FOR,
    )


def remind_quiet_partnerships() -> int:
    """Daily: ask the contacts of every quiet partnership. Returns emails queued."""
    return sum(_remind(partnership) for partnership in quiet_partnerships())


@transaction.atomic
def _remind(partnership: Partnership) -> int:
    period = f"{partnership.pk}:{partnership.last_active_at:%Y%m%d%H%M%S%f}"
    with_member_names(partnership)
    queued = 0
    for recipient in contacts_of(partnership):
        with translation.override(recipient.language):
            urls = answer_urls(partnership, recipient)
        queued += queue_email_to_user(
            recipient,
            "partnership_reminder",
            {"partnership": partnership, "urls": urls},
            key=f"partnership-reminder:{period}:{recipient.pk}",
        )
    Partnership.objects.filter(pk=partnership.pk).update(reminded_at=timezone.now())
    return queued


@transaction.atomic
def partnership_answer_reminder(*, partnership: Partnership, answer: Answer, user: User) -> None:
    """The answer from a link: still active (the quiet months start again), paused or ended.
    The person must still belong to a member."""
    partnership = locked(partnership)
    members = partnership.members.select_related("municipality")
    member = next((m for m in members if membership_of(user, m.municipality) is not None), None)
    if member is None:
        raise ValidationError(_("You no longer belong to a member of this partnership."))
    if partnership.status != Status.ACTIVE:
        raise ValidationError(_("This partnership is no longer active; nothing to answer."))
    if answer == Answer.STILL_ACTIVE:
        touch(partnership)
        partnership.status_changes.create(
            status=Status.ACTIVE, changed_by=user, municipality=member.municipality
        )
        return
    fields: tuple[str, ...] = ()
    if answer == Answer.ENDED:
        partnership.ended_on = timezone.localdate()
        fields = ("ended_on",)
    set_status(
        partnership, answer.value, user=user, municipality=member.municipality, fields=fields
    )
