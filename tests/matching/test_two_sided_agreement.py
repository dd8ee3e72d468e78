"""An agreement is one side's proposal that the other side accepts; changing the quantity asks
the other side again; a proposal the sender has not seen is never overwritten; every step is
kept in the history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matching import services
from matching.models import Match
from matching.models.match import MatchEvent
from tests.factories import reload_match

pytestmark = pytest.mark.django_db
Status = Match.Status
Action = MatchEvent.Action


@pytest.fixture
def contacted(match, official) -> Match:
    services.match_contact(user=official, match=match)
    return match


def _history(match: Match) -> list[tuple[str, str, Decimal | None]]:
    return [
        (event.action, event.side, event.quantity)
        for event in MatchEvent.objects.filter(match=match).order_by("created_at", "pk")
    ]


def test_a_proposal_waits_for_the_other_side(contacted, official):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))

    match = reload_match(contacted)
    assert match.status == Status.CONTACTED
    assert match.agreed_quantity is None
    assert (match.proposed_by, match.proposed_quantity, match.proposer) == (
        "need",
        Decimal(12),
        official,
    )
    assert match.revision == 1


def test_the_other_side_accepts_and_the_match_is_agreed(contacted, official, giver):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    services.match_accept(user=giver, match=contacted, revision=1)

    match = reload_match(contacted)
    assert match.status == Status.AGREED
    assert match.agreed_quantity == Decimal(12)
    assert match.proposed_by == ""
    assert _history(match) == [
        (Action.PROPOSED, "need", Decimal(12)),
        (Action.ACCEPTED, "offer", Decimal(12)),
    ]


def test_agreeing_on_the_same_quantity_as_the_other_side_accepts_it(contacted, official, giver):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    services.match_agree(user=giver, match=contacted, quantity=Decimal(12))

    assert reload_match(contacted).status == Status.AGREED


def test_a_side_does_not_accept_its_own_proposal(contacted, official):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))

    with pytest.raises(ValidationError):
        services.match_accept(user=official, match=contacted)
    assert reload_match(contacted).status == Status.CONTACTED


def test_there_is_nothing_to_accept_without_a_proposal(contacted, giver):
    with pytest.raises(ValidationError):
        services.match_accept(user=giver, match=contacted)


def test_outsiders_do_not_accept(contacted, official, outsider):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))

    with pytest.raises(PermissionDenied):
        services.match_accept(user=outsider, match=contacted)


def test_changing_the_agreed_quantity_asks_the_other_side_again(contacted, official, giver):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    services.match_accept(user=giver, match=contacted)

    services.match_agree(user=giver, match=contacted, quantity=Decimal(10), revision=2)

    match = reload_match(contacted)
    assert match.status == Status.AGREED
    assert match.agreed_quantity == Decimal(12)  # holds until accepted
    assert (match.proposed_by, match.proposed_quantity) == ("offer", Decimal(10))
    services.match_accept(user=official, match=contacted)
    assert reload_match(contacted).agreed_quantity == Decimal(10)
    assert _history(contacted)[-2:] == [
        (Action.PROPOSED, "offer", Decimal(10)),
        (Action.ACCEPTED, "need", Decimal(10)),
    ]


def test_proposing_the_agreed_quantity_again_withdraws_the_change(contacted, official, giver):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    services.match_accept(user=giver, match=contacted)
    services.match_agree(user=giver, match=contacted, quantity=Decimal(10))

    services.match_agree(user=giver, match=contacted, quantity=Decimal(12))

    match = reload_match(contacted)
    assert match.proposed_by == ""
    assert match.agreed_quantity == Decimal(12)
    assert _history(match)[-1][0] == Action.WITHDRAWN


def test_a_different_quantity_against_an_unseen_proposal_is_a_conflict(contacted, official, giver):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))

    with pytest.raises(services.AgreementConflict) as raised:
        services.match_agree(user=giver, match=contacted, quantity=Decimal(15))

    assert "proposes 12 beds" in raised.value.message
    assert raised.value.match.proposed_quantity == Decimal(12)
    assert reload_match(contacted).proposed_quantity == Decimal(12)


def test_a_counter_proposal_from_a_page_that_showed_the_proposal_replaces_it(
    contacted, official, giver
):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))

    services.match_agree(user=giver, match=contacted, quantity=Decimal(15), revision=1)

    match = reload_match(contacted)
    assert (match.proposed_by, match.proposed_quantity) == ("offer", Decimal(15))


def test_a_step_from_an_older_page_is_a_conflict(contacted, official, giver):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    services.match_agree(user=official, match=contacted, quantity=Decimal(11))

    with pytest.raises(services.AgreementConflict):
        services.match_accept(user=giver, match=contacted, revision=1)
    assert reload_match(contacted).status == Status.CONTACTED


def test_accepting_checks_what_the_need_still_lacks(contacted, official, giver):
    services.match_agree(user=official, match=contacted, quantity=Decimal(12))
    need = contacted.need
    need.quantity_covered = Decimal(15)
    need.save()

    with pytest.raises(ValidationError):
        services.match_accept(user=giver, match=contacted)
