"""Proposing a partnership and answering the proposal: it becomes active once a manager of
every member has confirmed; any member may decline it; unanswered, it expires after 60 days."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from municipalities.models import Municipality
from municipalities.selectors import acting_membership
from partnerships.models import Partnership, PartnershipMember
from partnerships.permissions import access
from partnerships.services.fields import PARTNERSHIP_FIELDS, assign
from partnerships.services.history import locked, set_status
from partnerships.services.notifications import notify_managers
from postings.models import Sector

Status = Partnership.Status
PROPOSAL_VALIDITY = timedelta(days=60)


def _require_manager_of(user: User, municipality: Municipality) -> None:
    membership = acting_membership(user, municipality)
    if membership is None or not membership.is_manager:
        raise PermissionDenied


def _check_partners(municipality: Municipality, partners: list[Municipality]) -> list[Municipality]:
    others = [partner for partner in dict.fromkeys(partners) if partner.pk != municipality.pk]
    if not others:
        raise ValidationError(
            {"partners": _("Choose at least one other municipality to propose a partnership to.")}
        )
    unverified = [str(partner) for partner in others if not partner.is_verified]
    if unverified:
        raise ValidationError(
            {
                "partners": _("%(names)s cannot take part before it is verified.")
                % {"names": ", ".join(unverified)}
            }
        )
    return others


def _open_proposal_exists(member_ids: set[int]) -> bool:
    """Whether these same municipalities already have a proposal waiting for answers."""
    for proposal in Partnership.objects.filter(
        status=Status.PROPOSED, members__municipality_id__in=member_ids
    ).prefetch_related("members"):
        if {member.municipality_id for member in proposal.members.all()} == member_ids:
            return True
    return False


@transaction.atomic
def partnership_propose(
    *,
    user: User,
    municipality: Municipality,
    partners: list[Municipality],
    kind: str,
    sectors: list[Sector] | tuple = (),
    **details,
) -> Partnership:
    """A manager of `municipality` proposes a partnership with `partners`; their own
    municipality confirms by proposing, the partners' managers are emailed."""
    _require_manager_of(user, municipality)
    others = _check_partners(municipality, partners)
    if _open_proposal_exists({municipality.pk, *(partner.pk for partner in others)}):
        raise ValidationError(
            _("These municipalities already have a proposal waiting for answers.")
        )
    partnership = Partnership(kind=kind, status=Status.PROPOSED, proposed_by=user)
    assign(partnership, details, PARTNERSHIP_FIELDS)
    partnership.full_clean()
    partnership.save()
    partnership.sectors.set(sectors)
    now = timezone.now()
    PartnershipMember.objects.bulk_create(
        [
            PartnershipMember(
                partnership=partnership,
                municipality=municipality,
                contact=user,
                confirmed_at=now,
                confirmed_by=user,
            ),
            *(PartnershipMember(partnership=partnership, municipality=other) for other in others),
        ]
    )
    partnership.status_changes.create(
        status=Status.PROPOSED, changed_by=user, municipality=municipality
    )
    notify_managers(partnership, "proposed", others, proposer=municipality)
    return partnership


def _answering(user: User, partnership: Partnership, municipality: Municipality | None):
    """The members the user answers for: the one named, else every member they manage."""
    if partnership.status != Status.PROPOSED:
        raise ValidationError(_("This partnership is no longer waiting for answers."))
    managed = access(user, partnership).managing
    if municipality is not None:
        managed &= {municipality.pk}
    if not managed:
        raise PermissionDenied
    return [member for member in partnership.members.all() if member.municipality_id in managed]


@transaction.atomic
def partnership_confirm(
    *, user: User, partnership: Partnership, municipality: Municipality | None = None
) -> Partnership:
    """A manager confirms for their member(s); the last confirmation makes it active."""
    partnership = locked(partnership)
    members = [m for m in _answering(user, partnership, municipality) if m.confirmed_at is None]
    if not members:
        raise ValidationError(_("Your municipality has confirmed this partnership already."))
    for member in members:
        member.confirmed_at = timezone.now()
        member.confirmed_by = user
        member.contact = member.contact or user
        member.save(update_fields=["confirmed_at", "confirmed_by", "contact"])
    waiting = partnership.members.filter(confirmed_at__isnull=True, left_on__isnull=True)
    if not waiting.exists():
        partnership.started_on = partnership.started_on or timezone.localdate()
        set_status(
            partnership,
            Status.ACTIVE,
            user=user,
            municipality=members[0].municipality,
            fields=("started_on",),
        )
        notify_managers(partnership, "active", partnership.municipalities.all())
    return partnership


@transaction.atomic
def partnership_decline(
    *, user: User, partnership: Partnership, municipality: Municipality | None = None
) -> Partnership:
    """A manager of a member says no (or, for the proposing member, withdraws): the proposal
    ends there; a new one may follow."""
    partnership = locked(partnership)
    members = _answering(user, partnership, municipality)
    declining = members[0].municipality
    set_status(partnership, Status.DECLINED, user=user, municipality=declining)
    others = partnership.municipalities.exclude(
        pk__in=[member.municipality_id for member in members]
    )
    notify_managers(partnership, "declined", others, decliner=declining)
    return partnership


def partnership_proposals_expire() -> int:
    """Daily: proposals nobody answered within 60 days expire; the members that had confirmed
    are told. Returns how many."""
    stale = Partnership.objects.filter(
        status=Status.PROPOSED, created_at__lte=timezone.now() - PROPOSAL_VALIDITY
    )
    expired = 0
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            partnership = locked(Partnership(pk=pk))
            if partnership.status != Status.PROPOSED:
                continue
            set_status(partnership, Status.EXPIRED, user=None)
            confirmed = partnership.municipalities.filter(
                partnership_memberships__partnership=partnership,
                partnership_memberships__confirmed_at__isnull=False,
            )
            notify_managers(partnership, "expired", confirmed)
            expired += 1
    return expired
