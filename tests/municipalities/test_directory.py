import pytest

from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_directory_filters_by_country(client, municipality, other_municipality):
    content = client.get("/en/municipalities/?country=UA").content.decode()
    assert "Kamianets-Podilskyi" in content
    assert "Esslingen am Neckar" not in content


def test_the_directory_finds_a_name_written_in_ukrainian(client, municipality, other_municipality):
    content = client.get("/en/municipalities/", {"q": "Подільськ"}).content.decode()
    assert "Kamianets-Podilskyi" in content
    assert "Esslingen" not in content


def test_names_are_shown_in_the_readers_language_with_fallback(
    client, municipality, other_municipality
):
    content = client.get("/uk/municipalities/").content.decode()
    assert "Кам&#x27;янець-Подільський" in content
    assert "Esslingen am Neckar" in content, "no Ukrainian name: falls back to the English one"


def test_an_unknown_country_filter_shows_a_form_error_not_a_500(client, municipality):
    response = client.get("/en/municipalities/?country=ZZ")
    assert response.status_code == 200
    assert response.context["form"].errors["country"]


def test_pending_municipalities_are_not_counted(client, municipality, pending_municipality):
    response = client.get("/en/municipalities/")
    assert response.context["page"].paginator.count == 1
    assert Municipality.objects.count() == 2
