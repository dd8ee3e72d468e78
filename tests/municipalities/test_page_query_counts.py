"""Query counts of pages stay constant however many rows they show."""

import pytest

from municipalities.models import Membership
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db


def test_the_directory(client, page_queries):
    MunicipalityFactory.create_batch(2)
    few = page_queries(client, "/en/municipalities/", at_most=4)
    MunicipalityFactory.create_batch(20)
    page_queries(client, "/en/municipalities/", at_most=few)


def test_the_profile_page(client, municipality, page_queries):
    page_queries(client, f"/en/municipalities/{municipality.slug}/", at_most=4)


def test_the_dashboard(official_client, official, page_queries):
    few = page_queries(official_client, "/en/dashboard/", at_most=10)
    for _ in range(5):
        MembershipFactory(user=official)
    JoinRequestFactory.create_batch(3, user=official)
    page_queries(official_client, "/en/dashboard/", at_most=few)


def test_the_members_page(manager_client, municipality, page_queries):
    url = f"/en/municipalities/{municipality.slug}/members/"
    few = page_queries(manager_client, url, at_most=10)
    MembershipFactory.create_batch(8, municipality=municipality, role=Membership.Role.OFFICIAL)
    JoinRequestFactory.create_batch(4, municipality=municipality)
    InvitationFactory.create_batch(3, municipality=municipality)
    page_queries(manager_client, url, at_most=few)
