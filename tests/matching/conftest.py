"""Fixtures of the matching tests: a match across languages, the Ukrainian city's need and the
German city's offer, with an official on each side who reads their own language (for the
tests of machine translation in matching)."""

import pytest

from matching import services
from matching.models import Match
from municipalities.models import Membership
from tests.factories import MatchFactory, MembershipFactory
from tests.postings.languages import german_offer, ukrainian_need


@pytest.fixture
def ukrainian(municipality):
    """The contact of the Ukrainian need: reads Ukrainian."""
    return MembershipFactory(
        municipality=municipality, role=Membership.Role.OFFICIAL, user__language="uk"
    ).user


@pytest.fixture
def german(other_municipality):
    """The contact of the German offer, in Esslingen: reads German."""
    return MembershipFactory(
        municipality=other_municipality, role=Membership.Role.OFFICIAL, user__language="de"
    ).user


@pytest.fixture
def across(municipality, other_municipality, ukrainian, german) -> Match:
    return MatchFactory(
        need=ukrainian_need(municipality, contact=ukrainian),
        offer=german_offer(other_municipality, contact=german),
    )


@pytest.fixture
def talking(across, german) -> Match:
    """The German side opened the conversation."""
    services.match_contact(user=german, match=across)
    return across
