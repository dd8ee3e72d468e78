"""A partnership's record: recorded outright (admins, the demo), edited by its members'
managers, its status moved on, its contacts and agreement document kept, deleted by admins."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from municipalities.models import Municipality
from municipalities.selectors import membership_of
from partnerships.models import Partnership, PartnershipMember
from partnerships.permissions import require_manager
from partnerships.selectors import member_ids
from partnerships.services.fields import PARTNERSHIP_FIELDS, assign
from partnerships.services.history import locked, record_agreed, require_open, set_status
from partnerships.services.rematch import partnership_changed, partnership_rematch
from postings.models import Sector

Status = Partnership.Status
# What changes who counts as partners since when.
PARTNER_FIELDS = {"started_on"}


@transaction.atomic
def partnership_record(
    *,
    kind: str,
    started_on: date,
    municipalities: list[Municipality],
    sectors: list[Sector] | tuple = (),
    **details,
) -> Partnership:
    """Record an agreed, active partnership of two or more municipalities (founding members
    all), as admins do for partnerships that exist already."""
    if len({municipality.pk for municipality in municipalities}) < 2:
        raise ValidationError(_("A partnership needs at least two different municipalities."))
    partnership = Partnership(kind=kind, started_on=started_on, status=Status.ACTIVE)
    assign(partnership, details, PARTNERSHIP_FIELDS)
    partnership.full_clean()
    partnership.save()
    partnership.sectors.set(sectors)
    PartnershipMember.objects.bulk_create(
        PartnershipMember(partnership=partnership, municipality=municipality)
        for municipality in dict.fromkeys(municipalities)
    )
    record_agreed(partnership)
    partnership_changed(partnership=partnership, members_before=set())
    return partnership


@transaction.atomic
def partnership_update(
    *, user: User, partnership: Partnership, sectors: list[Sector] | None = None, **fields
) -> Partnership:
    """Managers of its members (and staff) edit it. A proposal that changes asks the other
    members to confirm again."""
    rights = require_manager(user, partnership)
    partnership = locked(partnership)
    require_open(partnership)
    changed = assign(partnership, fields, PARTNERSHIP_FIELDS)
    sectors_changed = sectors is not None and {s.pk for s in sectors} != set(
        partnership.sectors.values_list("pk", flat=True)
    )
    if not changed and not sectors_changed:
        return partnership
    partnership.full_clean()
    partnership.save()  # updated_at moves with the sectors too
    if sectors_changed:
        partnership.sectors.set(sectors)
    if partnership.is_proposal:
        partnership.members.exclude(municipality_id__in=rights.managing).update(
            confirmed_at=None, confirmed_by=None
        )
    if changed & PARTNER_FIELDS:
        partnership_changed(partnership=partnership, members_before=set())
    return partnership


@transaction.atomic
def partnership_set_status(
    *, user: User, partnership: Partnership, status: str, on: date | None = None
) -> Partnership:
    """Suspend, resume or end an agreed partnership; ending it records the day (today unless
    given)."""
    require_manager(user, partnership)
    partnership = locked(partnership)
    if status not in partnership.moves:
        raise ValidationError(
            _("A partnership that is %(current)s cannot become %(new)s.")
            % {
                "current": partnership.get_status_display().lower(),
                "new": Status(status).label.lower() if status in Status.values else status,
            }
        )
    fields: tuple[str, ...] = ()
    if status == Status.ENDED:
        partnership.ended_on = on or timezone.localdate()
        fields = ("ended_on",)
    set_status(partnership, status, user=user, fields=fields)
    return partnership


@transaction.atomic
def partnership_set_contact(
    *, user: User, partnership: Partnership, municipality: Municipality, contact: User | None
) -> PartnershipMember:
    """A manager of a member (or staff) names who speaks for that member: one of its people."""
    rights = require_manager(user, partnership)
    if not rights.staff and municipality.pk not in rights.managing:
        raise PermissionDenied
    partnership = locked(partnership)
    require_open(partnership)
    member = partnership.members.filter(municipality=municipality).first()
    if member is None:
        raise ValidationError(_("This municipality is not a member of the partnership."))
    if contact is not None and membership_of(contact, municipality) is None:
        raise ValidationError({"contact": _("The contact must be a member of the municipality.")})
    if member.contact_id != (contact.pk if contact else None):
        member.contact = contact
        member.save(update_fields=["contact"])
        Partnership.objects.filter(pk=partnership.pk).update(updated_at=timezone.now())
    return member


@transaction.atomic
def partnership_attach_agreement(
    *, user: User, partnership: Partnership, document: UploadedFile | None
) -> Partnership:
    """Store the signed agreement (a PDF, checked by its content and size), replacing the one
    before; None removes it."""
    require_manager(user, partnership)
    partnership = locked(partnership)
    require_open(partnership)
    previous = partnership.agreement.name
    if document is None:
        partnership.agreement = ""
    else:
        partnership.agreement = document
        partnership.full_clean(
            exclude=[f.name for f in Partnership._meta.fields if f.name != "agreement"]
        )
    partnership.save(update_fields=["agreement", "updated_at"])
    if previous:
        storage = partnership.agreement.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return partnership


@transaction.atomic
def partnership_delete(*, partnership: Partnership) -> None:
    members = member_ids(partnership)
    document = partnership.agreement
    partnership.delete()
    if document:
        name, storage = document.name, document.storage
        transaction.on_commit(lambda: storage.delete(name))
    partnership_rematch(municipality_ids=members)
