"""A partnership's status changes, each recorded with its date, who made it and for which
member; one into or out of "active" rematches the members (only active partnerships count as
partners)."""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from municipalities.models import Municipality
from partnerships.models import Partnership, PartnershipStatusChange
from partnerships.services.rematch import partnership_changed


def locked(partnership: Partnership) -> Partnership:
    """The partnership's row locked until the transaction ends, as it is now."""
    return Partnership.objects.select_for_update().get(pk=partnership.pk)


def record_agreed(partnership: Partnership, user: User | None = None) -> None:
    """The history of a partnership recorded as it exists: active since it started."""
    since = timezone.make_aware(datetime.combine(partnership.started_on, time()))
    partnership.status_changes.create(status=partnership.status, changed_by=user, changed_at=since)


def require_open(partnership: Partnership) -> None:
    if partnership.is_closed_proposal:
        raise ValidationError(_("This proposal is closed; propose a new partnership instead."))


def touch(partnership: Partnership) -> None:
    """A sign of life: the twelve quiet months before the "still active?" email start again.
    Not a change of the partnership itself (updated_at stays, so mirrors are not bothered)."""
    now = timezone.now()
    Partnership.objects.filter(pk=partnership.pk).update(last_active_at=now)
    partnership.last_active_at = now


def cooperation_of(partnership: Partnership) -> list[QuerySet]:
    return [partnership.activities.all(), partnership.events.all()]


def set_status(
    partnership: Partnership,
    status: str,
    *,
    user: User | None,
    municipality: Municipality | None = None,
    fields: tuple[str, ...] = (),
) -> None:
    """Save the new status (with `fields` changed alongside) and record the change."""
    was_public, was_active = partnership.is_public, partnership.status == Partnership.Status.ACTIVE
    partnership.status = status
    partnership.full_clean()
    partnership.save(update_fields=["status", *fields, "updated_at"])
    PartnershipStatusChange.objects.create(
        partnership=partnership, status=status, changed_by=user, municipality=municipality
    )
    if partnership.is_public != was_public:
        # Who may read its activities and events changed with it: the API's feeds must say so.
        for cooperation in cooperation_of(partnership):
            cooperation.update(updated_at=timezone.now())
    touch(partnership)
    if was_active or status == Partnership.Status.ACTIVE:  # only active ones make partners
        partnership_changed(partnership=partnership, members_before=set())
