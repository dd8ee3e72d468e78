"""Partnerships on the pages of apps below this one (municipalities, matching), which cannot
import it: a municipality's partnerships and "record as cooperation" on a match."""

from django import template

from accounts.selectors import has_verified_email
from matching.models import Match
from municipalities.models import Membership
from partnerships.models import ActivityMatch, Partnership
from partnerships.permissions import roles_in
from partnerships.selectors import partnerships_of
from partnerships.services.cooperation import RECORDABLE_MATCHES

register = template.Library()


@register.inclusion_tag("partnerships/_partnerships_of_municipality.html")
def municipality_partnerships(municipality) -> dict:
    """The municipality's partnerships, for its profile page."""
    return {"partnerships": partnerships_of(municipality.pk)}


def _recorded_in(match: Match) -> Partnership | None:
    link = (
        ActivityMatch.objects.filter(match=match)
        .select_related("activity__partnership")
        .prefetch_related("activity__partnership__members__municipality")
        .first()
    )
    return link.activity.partnership if link is not None else None


@register.inclusion_tag("partnerships/_match_cooperation.html", takes_context=True)
def match_cooperation(context, match: Match) -> dict:
    """On a match's page: where it is recorded as cooperation, or the way to record it (for
    a manager of either city, once agreed)."""
    user = context["request"].user
    if match.status not in RECORDABLE_MATCHES:
        return {}
    recorded = _recorded_in(match)
    roles = roles_in(user, {match.need.municipality_id, match.offer.municipality_id})
    can_record = (
        recorded is None and Membership.Role.MANAGER in roles.values() and has_verified_email(user)
    )
    return {"match": match, "recorded": recorded, "can_record": can_record}
