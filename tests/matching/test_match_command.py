"""`manage.py match --all` recomputes every match in place, with a progress line."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Match
from offers.models import Offer
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairs(municipality, other_municipality):
    """Two needs of one city, two offers of another: hospital beds on both sides."""
    needs = NeedFactory.create_batch(2, municipality=municipality)
    offers = OfferFactory.create_batch(2, municipality=other_municipality)
    return needs, offers


def _run() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("match", "--all", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _rows() -> list[tuple]:
    return sorted(Match.objects.values_list("need_id", "offer_id", "score", "reasons", "status"))


def test_without_all_it_is_a_usage_error_that_says_what_to_type():
    with pytest.raises(CommandError, match=r"manage\.py match --all") as error:
        call_command("match")
    assert error.value.returncode == 2


def test_it_reports_progress_on_stderr_and_a_summary(pairs):
    out, err = _run()
    assert "\r matched 2/2 needs" in err
    assert "Matched 2 needs against 2 offers (4 pairs scored)" in out
    assert "4 matches stored" in out


def test_running_it_twice_changes_nothing_and_creates_no_duplicates(pairs):
    _run()
    first = _rows()
    created = dict(Match.objects.values_list("pk", "created_at"))
    out, _err = _run()
    assert _rows() == first
    assert dict(Match.objects.values_list("pk", "created_at")) == created, "updated in place"
    assert "0 closed, 0 reopened" in out


def test_a_dismissed_pair_stays_dismissed(pairs):
    needs, offers = pairs
    _run()
    Match.objects.filter(need=needs[0], offer=offers[0]).update(
        status=Match.Status.DISMISSED, dismissed_by=Match.Side.NEED
    )
    _run()
    dismissed = Match.objects.get(need=needs[0], offer=offers[0])
    assert dismissed.status == Match.Status.DISMISSED
    assert dismissed.dismissed_by == Match.Side.NEED
    assert Match.objects.count() == 4


def test_it_clears_the_to_be_matched_flag(pairs):
    needs, offers = pairs
    type(needs[0]).objects.filter(pk=needs[0].pk).update(match_pending=True)
    type(offers[0]).objects.filter(pk=offers[0].pk).update(match_pending=True)
    _run()
    needs[0].refresh_from_db()
    offers[0].refresh_from_db()
    assert not needs[0].match_pending
    assert not offers[0].match_pending


def test_good_new_matches_are_announced_once(pairs, django_capture_on_commit_callbacks):
    _needs, offers = pairs
    contact = MembershipFactory(municipality=offers[0].municipality).user
    Offer.objects.filter(pk__in=[offer.pk for offer in offers]).update(contact=contact)
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = _run()
    good = Match.objects.filter(score__gte=NOTIFY_THRESHOLD)
    assert good.exists(), "beds for beds is a good match"
    assert not good.filter(notified_at__isnull=True).exists()
    assert {message.to[0] for message in mail.outbox} == {contact.email}
    assert len(mail.outbox) == good.count()
    assert f"{good.count()} emails queued about new matches" in out
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = _run()
    assert len(mail.outbox) == good.count()
    assert "0 emails queued" in out
