"""`/api/v1/me/` tells a program who its token acts for and for which municipalities; without
credentials it answers 401."""

import pytest
from rest_framework.test import APIClient

from municipalities.models import Membership
from tests.api.clients import token_client
from tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"
# The token with its user, noting when it was last used, the memberships with their
# municipalities.
QUERIES = 3


def test_me_shows_who_the_token_acts_for_and_their_memberships(
    manager, municipality, pending_municipality
):
    MembershipFactory(user=manager, municipality=pending_municipality)
    response = token_client(manager).get(ME)
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == manager.email
    assert body["name"] == manager.display_name
    assert body["language"] == "uk"
    assert body["staff"] is False
    assert body["memberships"] == [
        {
            "municipality": str(municipality.uuid),
            "name": {
                "en": "Kamianets-Podilskyi",
                "de": None,
                "uk": "Кам'янець-Подільський",
                "fr": None,
                "pl": None,
            },
            "role": "manager",
            "verified": True,
        },
        {
            "municipality": str(pending_municipality.uuid),
            "name": {"en": "Tauragė", "de": None, "uk": None, "fr": None, "pl": None},
            "role": "official",
            "verified": False,
        },
    ]


def test_someone_else_s_memberships_are_not_shown(official, outsider, other_municipality):
    body = token_client(official).get(ME).json()
    assert str(other_municipality.uuid) not in str(body)
    assert len(body["memberships"]) == 1


def test_staff_are_told_they_are_staff(staff):
    body = token_client(staff).get(ME).json()
    assert body["staff"] is True
    assert body["memberships"] == []


def test_the_browser_s_session_works_too(official):
    client = APIClient()
    client.force_login(official)
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == official.email


def test_without_credentials_me_answers_401_problem_details():
    response = APIClient().get(ME)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401
    assert body["code"] == "not_authenticated"


def test_a_made_up_token_answers_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer c4c_" + "0" * 64)
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_me_costs_the_same_queries_however_many_memberships(
    official, django_assert_max_num_queries
):
    client = token_client(official)
    with django_assert_max_num_queries(QUERIES) as one:
        assert client.get(ME).status_code == 200
    for _ in range(5):
        MembershipFactory(
            user=official, municipality=MunicipalityFactory(), role=Membership.Role.OFFICIAL
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(ME).status_code == 200
