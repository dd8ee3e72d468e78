"""Registering a municipality that may be on the platform already (same country, and a name
alike in any language or a place within 2 km) warns, names the ones it may be with a way to ask
to join, and registers only when the person says theirs is a different one."""

import pytest

from municipalities.models import Municipality
from municipalities.selectors import distance_km, name_key
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

REGISTER = "/en/municipalities/register/"


def _register(client, **fields):
    data = {"name_en": "Khmelnytskyi", "country": "UA", "languages": ["uk"], **fields}
    return client.post(REGISTER, data)


@pytest.fixture
def kamianets(municipality):
    municipality.latitude, municipality.longitude = 48.6845, 26.5853
    municipality.save()
    return municipality


def test_names_are_compared_without_case_accents_spaces_or_punctuation():
    assert name_key("Kamianets-Podilskyi") == name_key(" kamianets podilskyi ")
    assert name_key("Tauragė") == name_key("TAURAGE")
    assert name_key("Кам'янець-Подільський") == name_key("кам’янець подільський")
    assert name_key("Lviv") != name_key("Lublin")


def test_distances_are_on_the_sphere():
    # Kamianets-Podilskyi to Khmelnytskyi: 87 km as the crow flies.
    assert 86 < distance_km((48.6845, 26.5853), (49.4229, 26.9871)) < 88


@pytest.mark.parametrize(
    "fields",
    [
        {"name_en": "kamianets podilskyi"},
        {"name_en": "Kamenez-Podolsk", "name_uk": "Кам'янець-Подільський"},
        {"name_en": "Old Town of Kamianets", "latitude": "48.6900", "longitude": "26.5900"},
    ],
    ids=["same name written otherwise", "same name in another language", "1 km away"],
)
def test_a_municipality_that_may_exist_is_not_registered_but_named(
    official_client, kamianets, fields
):
    response = _register(official_client, **fields)
    assert response.status_code == 200
    assert response.context["form"].similar == [kamianets]
    page = response.content.decode()
    assert f'href="{kamianets.get_absolute_url()}#join"' in page
    assert 'name="different"' in page
    assert not Municipality.objects.exclude(pk=kamianets.pk).exists()


def test_saying_it_is_a_different_one_registers_it(official_client, kamianets):
    response = _register(official_client, name_en="Kamianets-Podilskyi", different="on")
    assert response.status_code == 302
    assert Municipality.objects.filter(name_en="Kamianets-Podilskyi").count() == 2


def test_another_country_or_a_place_further_away_is_no_warning(official_client, kamianets):
    assert (
        _register(official_client, name_en="Kamianets-Podilskyi", country="PL").status_code == 302
    )
    response = _register(official_client, latitude="48.70", longitude="26.62")  # 3 km away
    assert response.status_code == 302


def test_a_registration_waiting_for_verification_is_named_without_a_link(official_client):
    MunicipalityFactory(name_en="Khmelnytskyi", slug="khmelnytskyi", country="UA", status="pending")
    response = _register(official_client)
    page = response.content.decode()
    assert "waiting for verification; its managers can invite you" in page
    assert "/municipalities/khmelnytskyi/" not in page


def test_a_rejected_registration_is_no_warning(official_client):
    MunicipalityFactory(name_en="Khmelnytskyi", country="UA", status="rejected")
    assert _register(official_client).status_code == 302


def test_the_profile_s_join_form_is_where_the_warning_links(official_client, other_municipality):
    page = official_client.get(other_municipality.get_absolute_url()).content.decode()
    assert '<details id="join">' in page
