from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from needs.models import Need
from offers.models import Offer
from partnerships.models import Partnership, PartnershipMember
from partnerships.selectors import member_ids, members_of_partnerships_changed_since
from postings.selectors import matchable
from postings.services.matching_queue import mark_for_matching

# Yesterday too, in case yesterday's run was lost (beat or worker down).
CATCH_UP_DAYS = 1


def partnership_rematch(*, municipality_ids: Iterable[int]) -> int:
    """Matches between partners score higher, so when who is partnered with whom changes, the
    open postings of the municipalities concerned are matched again. Returns how many."""
    ids = set(municipality_ids)
    postings = [
        posting
        for model in (Need, Offer)
        for posting in matchable(model).filter(municipality_id__in=ids).only("pk")
    ]
    for posting in postings:
        mark_for_matching(posting)
    return len(postings)


@transaction.atomic
def partnership_record(
    *, kind: str, started_on: date, municipalities: list[Municipality]
) -> Partnership:
    """Record a partnership of two or more municipalities (founding members all)."""
    if len({municipality.pk for municipality in municipalities}) < 2:
        raise ValidationError(_("A partnership needs at least two different municipalities."))
    partnership = Partnership(kind=kind, started_on=started_on)
    partnership.full_clean()
    partnership.save()
    PartnershipMember.objects.bulk_create(
        PartnershipMember(partnership=partnership, municipality=municipality)
        for municipality in dict.fromkeys(municipalities)
    )
    partnership_changed(partnership=partnership, members_before=set())
    return partnership


def partnership_changed(*, partnership: Partnership, members_before: set[int]) -> int:
    """After a partnership or its members were saved: rematch its members, present and
    former."""
    return partnership_rematch(municipality_ids=members_before | member_ids(partnership))


@transaction.atomic
def partnership_delete(*, partnership: Partnership) -> None:
    members = member_ids(partnership)
    partnership.delete()
    partnership_rematch(municipality_ids=members)


def partnerships_rematch_changed_by_date() -> int:
    """Daily: partnerships that began or ended today (or a member joined or left) were saved
    long ago; rematch their members now. Returns how many postings."""
    since = timezone.localdate() - timedelta(days=CATCH_UP_DAYS)
    return partnership_rematch(municipality_ids=members_of_partnerships_changed_since(since))
