"""The partnership pages not pinned elsewhere take a constant number of queries: the edit
page, the forms, the dashboard with proposals waiting, the match page with its way to record
the cooperation."""

from decimal import Decimal

import pytest

from matching import services as matching
from municipalities.models import Membership
from partnerships import services
from tests.factories import MembershipFactory, MunicipalityFactory, PartnershipFactory, match_url

pytestmark = pytest.mark.django_db


def test_the_edit_page_and_the_forms(manager_client, staff_client, twinning, page_queries):
    pages = [
        (client, f"/en/partnerships/{twinning.uuid}/{page}")
        for client in (manager_client, staff_client)
        for page in ("edit/", "events/new/", "activities/new/")
    ]
    pages.append((manager_client, "/en/partnerships/propose/"))
    few = [page_queries(client, url, at_most=14) for client, url in pages]
    for _ in range(4):
        member = MunicipalityFactory()
        twinning.members.create(municipality=member)
        MembershipFactory.create_batch(2, municipality=member)
    MembershipFactory.create_batch(3, municipality=twinning.members.first().municipality)
    for (client, url), count in zip(pages, few, strict=True):
        page_queries(client, url, at_most=count)


def test_the_dashboard_with_proposals_waiting(outsider_client, outsider, page_queries):
    def propose() -> None:
        town = MunicipalityFactory()
        proposer = MembershipFactory(municipality=town, role=Membership.Role.MANAGER).user
        services.partnership_propose(
            user=proposer,
            municipality=town,
            partners=[outsider.memberships.get().municipality, MunicipalityFactory()],
            kind="network",
        )

    propose()
    few = page_queries(outsider_client, "/en/dashboard/", at_most=10)
    for _ in range(4):
        propose()
    page_queries(outsider_client, "/en/dashboard/", at_most=few)


def test_the_match_page_with_its_cooperation(
    manager_client, manager, giver, match, municipality, offering, page_queries
):
    matching.match_contact(user=giver, match=match)
    matching.match_agree(user=giver, match=match, quantity=Decimal(5))
    matching.match_accept(user=manager, match=match)
    partnership = PartnershipFactory(members=[municipality, offering])
    services.activity_from_match(user=manager, match=match)
    few = page_queries(manager_client, match_url(match), at_most=30)
    for _ in range(5):
        partnership.members.create(municipality=MunicipalityFactory())
    page_queries(manager_client, match_url(match), at_most=few)
