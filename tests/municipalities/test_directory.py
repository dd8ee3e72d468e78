import pytest

from municipalities.models import Municipality
from tests.factories import MembershipFactory, MunicipalityFactory

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


def test_the_directory_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    MunicipalityFactory.create_batch(3)
    with django_assert_max_num_queries(4) as few:
        client.get("/en/municipalities/")
    MunicipalityFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/municipalities/")
    assert len(response.context["page"]) == 23


def test_the_profile_page_query_count_is_pinned(
    client, municipality, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        assert client.get(f"/en/municipalities/{municipality.slug}/").status_code == 200


def test_the_dashboard_query_count_does_not_grow_with_memberships(
    official_client, official, django_assert_max_num_queries
):
    for _ in range(5):
        MembershipFactory(user=official)
    with django_assert_max_num_queries(6):
        response = official_client.get("/en/dashboard/")
    assert len(response.context["memberships"]) == 6


def test_pending_municipalities_are_not_counted(client, municipality, pending_municipality):
    response = client.get("/en/municipalities/")
    assert response.context["page"].paginator.count == 1
    assert Municipality.objects.count() == 2
