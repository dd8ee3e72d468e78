"""The cooperation inside a partnership: activities (by its members' managers, or recorded from
an agreed or delivered match) and events (by any official of a member)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.languages import LANGUAGE_CODES, localized_field
from matching.models import Match
from municipalities.models import Municipality
from municipalities.selectors import acting_membership
from partnerships.models import Activity, ActivityMatch, Event, Partnership
from partnerships.permissions import access, current_member_ids, require_manager
from partnerships.selectors import partnership_of_pair
from partnerships.services.fields import (
    ACTIVITY_FIELDS,
    EVENT_FIELDS,
    assign,
)
from partnerships.services.history import locked, require_open, touch
from partnerships.services.proposals import partnership_propose

Status = Partnership.Status
RECORDABLE_MATCHES = (Match.Status.AGREED, Match.Status.DELIVERED)


def _save_activity(activity: Activity, fields: dict) -> set[str]:
    changed = assign(activity, fields, ACTIVITY_FIELDS)
    activity.full_clean()
    activity.save()
    touch(activity.partnership)
    return changed


@transaction.atomic
def activity_add(*, user: User, partnership: Partnership, **fields) -> Activity:
    partnership = locked(partnership)
    require_manager(user, partnership)
    require_open(partnership)
    activity = Activity(partnership=partnership, created_by=user)
    _save_activity(activity, fields)
    return activity


@transaction.atomic
def activity_update(*, user: User, activity: Activity, **fields) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    activity.partnership = locked(activity.partnership)
    require_manager(user, activity.partnership)
    require_open(activity.partnership)
    _save_activity(activity, fields)
    return activity


def _texts_of(match: Match) -> dict:
    """The activity's texts, in every language the need was written or translated in."""
    need = match.need
    texts = {"original_language": need.original_language}
    for field in ("title", "description"):
        for code in LANGUAGE_CODES:
            name = localized_field(field, code)
            texts[name] = getattr(need, name) or None
    return texts


def _acting_side(user: User, match: Match) -> tuple[Municipality, Municipality]:
    """(the municipality the user manages in the match, the other one)."""
    sides = (match.need.municipality, match.offer.municipality)
    for own, other in (sides, sides[::-1]):
        membership = acting_membership(user, own)
        if membership is not None and membership.is_manager:
            return own, other
    raise PermissionDenied


@transaction.atomic
def activity_from_match(
    *, user: User, match: Match, kind: str = Partnership.Kind.COOPERATION
) -> Activity:
    """Record an agreed or delivered match as cooperation: an activity of the two cities'
    partnership, proposed now (of `kind`) if they have none. For a manager of either city."""
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("need__municipality", "offer__municipality", "need__sector")
        .get(pk=match.pk)
    )
    own, other = _acting_side(user, match)
    if match.status not in RECORDABLE_MATCHES:
        raise ValidationError(
            _("Only an agreed or delivered match can be recorded as cooperation.")
        )
    if own.pk == other.pk:
        raise ValidationError(_("A match within one municipality is not a partnership."))
    if ActivityMatch.objects.filter(match=match).exists():
        raise ValidationError(_("This match is recorded as cooperation already."))
    partnership = partnership_of_pair(own.pk, other.pk) or partnership_propose(
        user=user, municipality=own, partners=[other], kind=kind
    )
    delivered = match.status == Match.Status.DELIVERED
    activity = Activity(
        partnership=partnership,
        created_by=user,
        sector=match.need.sector,
        status=Activity.Status.COMPLETED if delivered else Activity.Status.RUNNING,
        started_on=timezone.localdate(match.agreed_at) if match.agreed_at else None,
        ended_on=timezone.localdate(match.delivered_at)
        if delivered and match.delivered_at
        else None,
    )
    _save_activity(activity, _texts_of(match))
    ActivityMatch.objects.create(activity=activity, match=match)
    return activity


def _check_participants(partnership: Partnership, participants: list[Municipality]) -> None:
    """Current members take part, and other municipalities once verified (events are public:
    a pending or rejected one must not appear there); the event form offers the same."""
    members = current_member_ids(partnership)
    rejected = [
        str(municipality)
        for municipality in participants
        if municipality.pk not in members and not municipality.is_verified
    ]
    if rejected:
        raise ValidationError(
            {"participants": _("%(names)s cannot take part.") % {"names": ", ".join(rejected)}}
        )


def _save_event(event: Event, fields: dict, participants: list[Municipality] | None) -> None:
    assign(event, fields, EVENT_FIELDS)
    event.full_clean()
    if participants is not None:
        _check_participants(event.partnership, participants)
    event.save()
    if participants is not None:
        event.participants.set(participants)
    touch(event.partnership)


@transaction.atomic
def event_add(
    *, user: User, partnership: Partnership, participants: list[Municipality] | tuple = (), **fields
) -> Event:
    """Any acting official of a member (or staff) records a meeting, visit, conference or
    online exchange; members and verified municipalities take part (_check_participants)."""
    partnership = locked(partnership)
    if not access(user, partnership).can_add_events:
        raise PermissionDenied
    require_open(partnership)
    event = Event(partnership=partnership, created_by=user)
    _save_event(event, fields, participants)
    return event


@transaction.atomic
def event_update(
    *, user: User, event: Event, participants: list[Municipality] | None = None, **fields
) -> Event:
    """As Access.can_edit_event says."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.partnership = locked(event.partnership)
    if not access(user, event.partnership).can_edit_event(event):
        raise PermissionDenied
    require_open(event.partnership)
    _save_event(event, fields, participants)
    return event
