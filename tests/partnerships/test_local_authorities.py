"""Not only cities take part: districts (Landkreise, powiaty, raions) and regions too. Their
kind is recorded, shown in the directory and on profiles, and given in the API."""

import pytest
from rest_framework.test import APIClient

from municipalities.models import Municipality
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return MunicipalityFactory(
        name_en="Vorpommern-Rügen", slug="vorpommern-rugen", kind=Municipality.Kind.DISTRICT
    )


def test_the_directory_and_the_profile_say_it_is_a_district(client, district, municipality):
    directory = client.get("/en/municipalities/").content.decode()
    assert "District · Germany" in directory
    assert "Municipality · Ukraine" in directory
    profile = client.get("/en/municipalities/vorpommern-rugen/").content.decode()
    assert "District · Germany" in profile


def test_a_manager_says_what_kind_of_authority_it_is(manager_client, municipality):
    response = manager_client.post(
        f"/en/municipalities/{municipality.slug}/edit/",
        {"name_en": "Khmelnytskyi Oblast", "kind": "region", "country": "UA", "languages": ["uk"]},
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.kind == Municipality.Kind.REGION


def test_a_form_without_the_kind_keeps_it(manager_client, municipality):
    Municipality.objects.filter(pk=municipality.pk).update(kind=Municipality.Kind.DISTRICT)
    manager_client.post(
        f"/en/municipalities/{municipality.slug}/edit/",
        {"name_en": "Kamianets-Podilskyi", "country": "UA", "languages": ["uk"]},
    )
    municipality.refresh_from_db()
    assert municipality.kind == Municipality.Kind.DISTRICT


def test_the_api_gives_the_kind(district):
    response = APIClient().get(f"/api/v1/municipalities/{district.uuid}/")
    assert response.json()["kind"] == "district"
