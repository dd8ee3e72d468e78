"""The life of a match once found: suggested → contacted → agreed → delivered, or dismissed by
either side. Each change is one transaction and checks its own permission. The agreement and
the delivery, two-sided and correctable, are in matching.agreement (and reachable from here)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from core import translation
from core.limits import Limit, consume
from matching import permissions
from matching.agreement import (
    AgreementConflict,
    correctable_until,
    lock_match,
    match_accept,
    match_agree,
    match_correct_delivery,
    match_deliver,
    match_mark_fully_covered,
    match_undo_delivery,
    match_undo_fully_covered,
    require_side,
    save_match,
)
from matching.message_delivery import announce_message
from matching.models import Conversation, Match, Message
from matching.sides import Side
from matching.tasks import deliver_message

Status = Match.Status
MESSAGE_MAX_LENGTH = Message._meta.get_field("body").max_length
MESSAGES = Limit(
    "message_post",
    "MESSAGES_PER_CONVERSATION_PER_HOUR",
    3600,
    ngettext_lazy(
        "You have sent %(count)d message in this conversation within an hour.",
        "You have sent %(count)d messages in this conversation within an hour.",
        "count",
    ),
)
# A conversation stays open for messages once the match has been taken up.
TALKING_STATUSES = (Status.CONTACTED, Status.AGREED, Status.DELIVERED)


_lock, _save, _require_side = lock_match, save_match, require_side


@transaction.atomic
def match_contact(*, user: User, match: Match) -> Conversation:
    """Open the conversation (once); the match is then "in contact" and both sides see each
    other's contact details."""
    match = _lock(match)
    _require_side(user, match)
    conversation = Conversation.objects.filter(match=match).first()
    if conversation is not None:
        return conversation
    if match.status != Status.SUGGESTED:
        raise ValidationError(_("This match is no longer open."))
    conversation = Conversation.objects.create(match=match, started_by=user)
    match.status = Status.CONTACTED
    match.contacted_at = timezone.now()
    _save(match, "status", "contacted_at")
    return conversation


@transaction.atomic
def message_post(*, user: User, match: Match, body: str) -> Message:
    """A message in the match's conversation; the other side's officials are emailed, each in
    their own language, once per message: at once, or, with a translation service, by the
    worker once it has translated the message for them (matching.message_delivery)."""
    match = _lock(match)
    if not permissions.can_write(user, match):
        raise PermissionDenied
    conversation = Conversation.objects.filter(match=match).first()
    if conversation is None or match.status not in TALKING_STATUSES:
        raise ValidationError(_("There is no open conversation about this match."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Please write a message.")})
    if len(body) > MESSAGE_MAX_LENGTH:
        too_long = _("A message can be at most %(max)d characters.")
        raise ValidationError({"body": too_long % {"max": MESSAGE_MAX_LENGTH}})
    consume(MESSAGES, f"user:{user.pk}:conversation:{conversation.pk}")
    message = Message.objects.create(conversation=conversation, author=user, body=body)
    if translation.is_configured():
        deliver_message.delay_on_commit(message.pk)
    else:
        announce_message(message)
    return message


@transaction.atomic
def match_dismiss(*, user: User, match: Match, side: str, reason: str = "") -> Match:
    """Either side says no, optionally saying why (one of Match.DismissalReason); the pair is
    never suggested again (the engine leaves dismissed rows as they are)."""
    match = _lock(match)
    if side not in Side.values:
        raise ValidationError(_("Unknown side."))
    reason = reason or ""
    if reason and reason not in Match.DismissalReason.values:
        raise ValidationError({"reason": _("Unknown reason.")})
    side = Side(side)
    if not permissions.can_act_for(user, match, side):
        raise PermissionDenied
    if match.status not in Match.ACTIVE_STATUSES:
        raise ValidationError(_("This match is no longer open."))
    match.status = Status.DISMISSED
    match.dismissed_by = side
    match.dismissed_at = timezone.now()
    match.dismissal_reason = reason
    _save(match, "status", "dismissed_by", "dismissed_at", "dismissal_reason")
    return match


__all__ = [
    "MESSAGES",
    "AgreementConflict",
    "correctable_until",
    "match_accept",
    "match_agree",
    "match_contact",
    "match_correct_delivery",
    "match_deliver",
    "match_dismiss",
    "match_mark_fully_covered",
    "match_undo_delivery",
    "match_undo_fully_covered",
    "message_post",
]
