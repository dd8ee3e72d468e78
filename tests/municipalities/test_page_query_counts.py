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


def _queries_for(client, url: str, django_assert_max_num_queries, limit: int) -> int:
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_directory(client, django_assert_max_num_queries):
    MunicipalityFactory.create_batch(2)
    few = _queries_for(client, "/en/municipalities/", django_assert_max_num_queries, 4)
    MunicipalityFactory.create_batch(20)
    _queries_for(client, "/en/municipalities/", django_assert_max_num_queries, few)


def test_the_profile_page(client, municipality, django_assert_max_num_queries):
    _queries_for(
        client, f"/en/municipalities/{municipality.slug}/", django_assert_max_num_queries, 4
    )


def test_the_dashboard(official_client, official, django_assert_max_num_queries):
    few = _queries_for(official_client, "/en/dashboard/", django_assert_max_num_queries, 6)
    for _ in range(5):
        MembershipFactory(user=official)
    JoinRequestFactory.create_batch(3, user=official)
    _queries_for(official_client, "/en/dashboard/", django_assert_max_num_queries, few)


def test_the_members_page(manager_client, municipality, django_assert_max_num_queries):
    url = f"/en/municipalities/{municipality.slug}/members/"
    few = _queries_for(manager_client, url, django_assert_max_num_queries, 10)
    MembershipFactory.create_batch(8, municipality=municipality, role=Membership.Role.OFFICIAL)
    JoinRequestFactory.create_batch(4, municipality=municipality)
    InvitationFactory.create_batch(3, municipality=municipality)
    _queries_for(manager_client, url, django_assert_max_num_queries, few)
