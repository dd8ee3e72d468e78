"""Who speaks for a posting, on the match page and in the emails alike: its contact person
while active, else its municipality's managers."""

import pytest

from matching.selectors import posting_contacts
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def test_the_active_contact_speaks_for_the_posting(municipality, manager, official):
    need = NeedFactory(municipality=municipality, contact=official)
    assert posting_contacts(need) == [official]


@pytest.mark.parametrize("contact", ["none", "inactive"])
def test_without_an_active_contact_the_managers_do(municipality, manager, official, contact):
    need = NeedFactory(municipality=municipality, contact=None if contact == "none" else official)
    official.is_active = False
    official.save()
    need.refresh_from_db()
    assert posting_contacts(need) == [manager]
