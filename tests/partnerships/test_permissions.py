"""Who may see and do what on a partnership's pages: a manager and an official of a member, a
manager of a municipality that is no member, a member still pending verification, anonymous
visitors, staff."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from municipalities.models import Membership
from partnerships.models import PartnershipMember
from tests.factories import MembershipFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "member_manager",
    "member_official",
    "non_member",
    "pending_member",
    "anonymous",
    "staff",
]


@pytest.fixture
def partnership(municipality, offering, pending_municipality, official, pdf):
    """Kamianets-Podilskyi, Lublin and (pending verification) Tauragė; its agreement stored,
    Kamianets's official its officer."""
    partnership = PartnershipFactory(members=[municipality, offering], started_on=date(2022, 6, 1))
    PartnershipMember.objects.create(partnership=partnership, municipality=pending_municipality)
    partnership.members.filter(municipality=municipality).update(contact=official)
    partnership.agreement.save("agreement.pdf", ContentFile(pdf))
    return partnership


@pytest.fixture
def persona(request, manager, official, outsider, staff, pending_municipality):
    """A logged-in client (or an anonymous one) for each persona."""
    users = {
        "member_manager": manager,
        "member_official": official,
        "non_member": outsider,
        "pending_member": MembershipFactory(
            municipality=pending_municipality, role=Membership.Role.MANAGER
        ).user,
        "anonymous": None,
        "staff": staff,
    }
    client = Client()
    if users[request.param] is not None:
        client.force_login(users[request.param])
    return client


PAGES = {
    "page": "",
    "edit": "edit/",
    "new activity": "activities/new/",
    "new event": "events/new/",
    "agreement": "agreement/",
}
# Per page, what each persona gets, in the order of PERSONAS (302: to the login page).
EXPECTED = {
    "page": [200, 200, 200, 200, 200, 200],
    "edit": [200, 403, 403, 403, 302, 200],
    "new activity": [200, 403, 403, 403, 302, 200],
    "new event": [200, 200, 403, 403, 302, 200],
    "agreement": [200, 200, 404, 404, 302, 200],
}
CASES = [
    pytest.param(name, page, EXPECTED[page][index], id=f"{name}-{page}")
    for page in PAGES
    for index, name in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("persona", "page", "status"), CASES, indirect=["persona"])
def test_the_pages_of_an_active_partnership(persona, page, status, partnership):
    response = persona.get(f"/en/partnerships/{partnership.uuid}/{PAGES[page]}")
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("persona", "sees"),
    [(name, name in ("member_manager", "member_official", "staff")) for name in PERSONAS],
    indirect=["persona"],
)
def test_contacts_and_the_agreement_are_for_members_officials_and_staff(
    persona, sees, partnership, official
):
    page = persona.get(partnership.get_absolute_url()).content.decode()
    assert (official.email in page) is sees
    assert ("Download the signed agreement" in page) is sees


@pytest.mark.parametrize(
    ("persona", "status"),
    list(zip(PERSONAS, [200, 200, 404, 404, 404, 200], strict=True)),
    indirect=["persona"],
)
def test_a_proposal_is_for_the_officials_of_its_members_and_staff(persona, status, partnership):
    partnership.status = "proposed"
    partnership.save(update_fields=["status"])
    assert persona.get(partnership.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    list(zip(PERSONAS, [302, 302, 403, 403, 302, 302], strict=True)),
    indirect=["persona"],
)
def test_who_records_an_event(persona, status, partnership, offering):
    response = persona.post(
        f"/en/partnerships/{partnership.uuid}/events/new/",
        {
            "kind": "visit",
            "original_language": "en",
            "topic": "Study visit of the fire brigade",
            "held_on": "2025-03-04",
            "place": "Lublin",
            "participants": [offering.pk],
        },
    )
    assert response.status_code == status
    recorded = partnership.events.filter(topic_en="Study visit of the fire brigade").exists()
    assert recorded is (status == 302 and "/login/" not in response.get("Location", ""))
