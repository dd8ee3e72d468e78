from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from matching.engine.index import matchable
from municipalities.models import Municipality
from needs.models import Need
from offers.models import Offer
from partnerships.models import Partnership, PartnershipMember
from postings.services.matching_queue import mark_for_matching


def partnership_rematch(*, municipality_ids: Iterable[int]) -> int:
    """Matches between partners score higher, so when a partnership is recorded, changed or
    removed, the open postings of its members are matched again. Returns how many."""
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
    partnership_rematch(municipality_ids=member_ids(partnership))
    return partnership


def member_ids(partnership: Partnership) -> set[int]:
    return set(partnership.members.values_list("municipality_id", flat=True))


@transaction.atomic
def partnership_delete(*, partnership: Partnership) -> None:
    members = member_ids(partnership)
    partnership.delete()
    partnership_rematch(municipality_ids=members)
