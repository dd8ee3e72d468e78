"""A municipality's profile names its partners today, with links to the partnerships, in a
constant number of queries; proposals and ended partnerships are not listed."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _profile(client, municipality) -> str:
    response = client.get(f"/en/municipalities/{municipality.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_profile_names_the_partners_and_since_when(client, municipality):
    venlo = MunicipalityFactory(name_en="Venlo", slug="venlo")
    krefeld = MunicipalityFactory(name_en="Krefeld", slug="krefeld")
    PartnershipFactory(
        members=[municipality, venlo, krefeld], kind="cooperation", started_on=date(2023, 9, 15)
    )
    page = _profile(client, municipality)
    assert "Partnerships" in page
    assert '<a href="/en/municipalities/krefeld/">Krefeld</a>, ' in page
    assert '<a href="/en/municipalities/venlo/">Venlo</a>' in page
    assert "Cooperation agreement since 2023</a>" in page
    assert "Kamianets-Podilskyi</a>" not in page, "not listed as its own partner"
    partnership = municipality.partnerships.get()
    assert f'<a href="/en/partnerships/{partnership.uuid}/">' in page


def test_ended_partnerships_are_not_shown(client, municipality):
    PartnershipFactory(
        members=[municipality, MunicipalityFactory(name_en="Sindelfingen")],
        started_on=date(2000, 1, 1),
        ended_on=timezone.localdate() - timedelta(days=1),
    )
    page = _profile(client, municipality)
    assert "Sindelfingen" not in page
    assert 'id="partnerships-heading"' not in page


def test_proposals_are_not_shown_and_suspended_partnerships_say_so(client, municipality):
    PartnershipFactory(
        members=[municipality, MunicipalityFactory(name_en="Chełm")], status="proposed"
    )
    PartnershipFactory(
        members=[municipality, MunicipalityFactory(name_en="Lutsk")], status="suspended"
    )
    page = _profile(client, municipality)
    assert "Chełm" not in page
    assert "Lutsk</a>" in page
    assert "(Suspended)" in page


def test_the_profile_s_queries_do_not_grow_with_partnerships(
    client, municipality, django_assert_max_num_queries
):
    PartnershipFactory(members=[municipality, MunicipalityFactory()])
    with django_assert_max_num_queries(5) as few:
        _profile(client, municipality)
    for _ in range(5):
        PartnershipFactory(members=[municipality, MunicipalityFactory(), MunicipalityFactory()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        _profile(client, municipality)
