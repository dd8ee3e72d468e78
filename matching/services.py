"""The life of a match once found: suggested → contacted → agreed → delivered, or dismissed by
either side. Each change is one transaction and checks its own permission."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import translation
from matching import permissions
from matching.message_delivery import announce_message
from matching.models import Conversation, Match, Message
from matching.sides import Side
from matching.tasks import deliver_message
from postings.services.lifecycle import posting_record_coverage

Status = Match.Status
MESSAGE_MAX_LENGTH = Message._meta.get_field("body").max_length
QUANTITY_MAX = Decimal("9999999999.99")  # what the quantity columns hold
# A conversation stays open for messages once the match has been taken up.
TALKING_STATUSES = (Status.CONTACTED, Status.AGREED, Status.DELIVERED)


def _lock(match: Match) -> Match:
    return (
        Match.objects.select_for_update(of=("self",))
        .select_related("need__municipality", "offer__municipality", "need__contact")
        .select_related("offer__contact")
        .get(pk=match.pk)
    )


def _save(match: Match, *fields: str) -> None:
    match.save(update_fields=[*fields, "updated_at"])


def _require_side(user: User, match: Match) -> list[str]:
    sides = permissions.acting_sides(user, match)
    if not sides:
        raise PermissionDenied
    return sides


def _quantity(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        quantity = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"quantity": _("Please enter a number.")}) from None
    if not quantity.is_finite():
        raise ValidationError({"quantity": _("Please enter a number.")})
    if quantity > QUANTITY_MAX:
        raise ValidationError({"quantity": _("This quantity is too large.")})
    if quantity > 0:
        quantity = quantity.quantize(Decimal("0.01"))  # as the columns store it
    if quantity <= 0:
        raise ValidationError({"quantity": _("The quantity must be positive.")})
    return quantity


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
    message = Message.objects.create(conversation=conversation, author=user, body=body)
    if translation.is_configured():
        deliver_message.delay_on_commit(message.pk)
    else:
        announce_message(message)
    return message


@transaction.atomic
def match_agree(*, user: User, match: Match, quantity: Decimal | None = None) -> Match:
    """Both cities agreed: record how much (required, and at most what is still open, when
    the need has a quantity)."""
    match = _lock(match)
    _require_side(user, match)
    if match.status not in (Status.CONTACTED, Status.AGREED):
        raise ValidationError(_("Please contact the other city before recording an agreement."))
    quantity = _quantity(quantity)
    need = type(match.need).objects.get(pk=match.need_id)
    if need.quantity is not None:
        if quantity is None:
            raise ValidationError({"quantity": _("Please enter the agreed quantity.")})
        if quantity > need.quantity_open:
            raise ValidationError(
                {
                    "quantity": _("At most %(open)s %(unit)s are still needed.")
                    % {"open": f"{need.quantity_open.normalize():f}", "unit": need.unit}
                }
            )
    match.status = Status.AGREED
    match.agreed_quantity = quantity
    match.agreed_at = timezone.now()
    _save(match, "status", "agreed_quantity", "agreed_at")
    return match


@transaction.atomic
def match_deliver(*, user: User, match: Match, quantity: Decimal | None = None) -> Match:
    """The receiving city confirms the delivery; it counts towards the need's covered quantity
    (which may make the need fulfilled)."""
    match = _lock(match)
    if not permissions.can_act_for(user, match, Side.NEED):
        raise PermissionDenied
    if match.status != Status.AGREED:
        raise ValidationError(_("Only an agreed match can be marked as delivered."))
    quantity = _quantity(quantity) or match.agreed_quantity
    if quantity is None and match.need.quantity is not None:
        raise ValidationError({"quantity": _("Please enter the delivered quantity.")})
    match.status = Status.DELIVERED
    match.delivered_quantity = quantity
    match.delivered_at = timezone.now()
    _save(match, "status", "delivered_quantity", "delivered_at")
    if quantity is not None:
        match.need = posting_record_coverage(posting=match.need, quantity=quantity, user=user)
    return match


@transaction.atomic
def match_dismiss(*, user: User, match: Match, side: str) -> Match:
    """Either side says no; the pair is never suggested again (the engine leaves dismissed rows
    as they are)."""
    match = _lock(match)
    if side not in Side.values:
        raise ValidationError(_("Unknown side."))
    side = Side(side)
    if not permissions.can_act_for(user, match, side):
        raise PermissionDenied
    if match.status not in Match.ACTIVE_STATUSES:
        raise ValidationError(_("This match is no longer open."))
    match.status = Status.DISMISSED
    match.dismissed_by = side
    match.dismissed_at = timezone.now()
    _save(match, "status", "dismissed_by", "dismissed_at")
    return match
