import pytest

from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


def test_bad_input_shows_field_errors_and_stores_nothing(official_client):
    response = official_client.post(
        "/en/municipalities/register/",
        {
            "name_en": "",
            "country": "XX",
            "latitude": "123",
            "longitude": "abc",
            "population": "-5",
            "website": "not a url",
            "languages": ["xx"],
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {
        "name_en",
        "country",
        "latitude",
        "longitude",
        "population",
        "website",
        "languages",
    }
    assert not Municipality.objects.filter(registered_by__isnull=False).exists()


def test_registering_a_second_city_with_the_same_name_gets_its_own_address(
    official_client, municipality
):
    data = {
        "name_en": municipality.name_en,
        "country": "UA",
        "languages": ["uk"],
        "different": "on",
    }
    response = official_client.post("/en/municipalities/register/", data)
    assert response.status_code == 302
    new = Municipality.objects.exclude(pk=municipality.pk).get()
    assert new.slug == f"{municipality.slug}-2"


def test_a_manager_edits_the_profile(manager_client, municipality):
    response = manager_client.post(
        f"/en/municipalities/{municipality.slug}/edit/",
        {
            "name_en": "Kamianets-Podilskyi",
            "name_de": "Kamjanez-Podilskyj",
            "country": "UA",
            "population": "99000",
            "languages": ["uk", "en", "de"],
        },
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.name_de == "Kamjanez-Podilskyj"
    assert municipality.population == 99000
    assert municipality.status == "verified"


def test_a_manager_decides_that_postings_need_approval(manager_client, municipality):
    response = manager_client.post(
        f"/en/municipalities/{municipality.slug}/edit/",
        {
            "name_en": municipality.name_en,
            "country": "UA",
            "languages": ["uk"],
            "approval_required": "on",
        },
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.approval_required is True
