"""The need / offer form: clear field errors, nothing stored until the form is right."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from needs.models import Need
from offers.models import Offer
from postings.models import Topic
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    NeedFactory,
    UserFactory,
    form_data,
)

pytestmark = pytest.mark.django_db


def _post(client, municipality, user, model=Need, /, **overrides):
    url = reverse(f"{model._meta.app_label}:create")
    return client.post(url, form_data(municipality, user, **overrides))


def _errors(response, field: str) -> list[str]:
    assert response.status_code == 200
    return response.context["form"].errors.get(field, [])


def test_a_valid_form_creates_the_need(official_client, municipality, official):
    response = _post(official_client, municipality, official)

    need = Need.objects.get()
    assert response.status_code == 302
    assert response.url == need.get_absolute_url()
    assert need.title_en == "Hospital beds for the regional hospital"
    assert need.contact == official


def test_a_date_in_the_past_is_refused(official_client, municipality, official):
    yesterday = (date.today() - timedelta(days=1)).isoformat()

    response = _post(official_client, municipality, official, needed_by=yesterday)

    assert _errors(response, "needed_by") == ["This date is in the past."]
    assert not Need.objects.exists()


def test_an_offer_checks_its_own_date(official_client, municipality, official):
    yesterday = (date.today() - timedelta(days=1)).isoformat()

    response = _post(official_client, municipality, official, Offer, available_until=yesterday)

    assert _errors(response, "available_until") == ["This date is in the past."]
    assert not Offer.objects.exists()


def test_today_is_not_in_the_past(official_client, municipality, official):
    _post(official_client, municipality, official, needed_by=date.today().isoformat())

    assert Need.objects.get().needed_by == date.today()


@pytest.mark.parametrize("quantity", ["0", "-5"])
def test_a_quantity_must_be_positive(official_client, municipality, official, quantity):
    response = _post(official_client, municipality, official, quantity=quantity)

    assert _errors(response, "quantity") == ["Enter a quantity greater than zero."]
    assert not Need.objects.exists()


def test_a_quantity_needs_a_unit(official_client, municipality, official):
    response = _post(official_client, municipality, official, unit="")

    assert _errors(response, "unit")
    assert not Need.objects.exists()


def test_a_unit_needs_a_quantity(official_client, municipality, official):
    response = _post(official_client, municipality, official, quantity="")

    assert _errors(response, "quantity")
    assert not Need.objects.exists()


def test_neither_quantity_nor_unit_is_fine(official_client, municipality, official):
    _post(official_client, municipality, official, quantity="", unit="")

    need = Need.objects.get()
    assert need.quantity is None
    assert need.unit == ""


def test_the_topic_must_belong_to_the_sector(official_client, municipality, official):
    firefighting = Topic.objects.get(slug="firefighting")

    response = _post(official_client, municipality, official, topic=firefighting.pk)

    assert "belongs to the sector" in _errors(response, "topic")[0]
    assert not Need.objects.exists()


def test_an_over_long_title_is_refused(official_client, municipality, official):
    response = _post(official_client, municipality, official, title="x" * 201)

    assert "at most 200 characters" in _errors(response, "title")[0]
    assert not Need.objects.exists()


def test_an_over_long_description_is_refused(official_client, municipality, official):
    response = _post(official_client, municipality, official, description="x" * 5001)

    assert "at most 5000 characters" in _errors(response, "description")[0]
    assert not Need.objects.exists()


def test_an_over_long_translation_is_refused(official_client, municipality, official):
    response = _post(official_client, municipality, official, title_de="x" * 201)

    assert _errors(response, "title_de")
    assert not Need.objects.exists()


def test_title_and_description_are_required(official_client, municipality, official):
    response = _post(official_client, municipality, official, title="", description="")

    assert _errors(response, "title") == ["This field is required."]
    assert _errors(response, "description") == ["This field is required."]
    assert not Need.objects.exists()


def test_only_the_users_own_municipalities_can_be_chosen(
    official_client, official, other_municipality
):
    response = _post(official_client, other_municipality, official)

    assert _errors(response, "municipality")
    assert not Need.objects.exists()


def test_the_contact_must_be_an_official_of_the_municipality(
    official_client, municipality, official, outsider
):
    response = _post(official_client, municipality, official, contact=outsider.pk)

    assert _errors(response, "contact")
    assert not Need.objects.exists()


def test_a_colleague_can_be_the_contact(official_client, municipality, official, manager):
    _post(official_client, municipality, official, contact=manager.pk)

    assert Need.objects.get().contact == manager


def test_the_text_is_stored_in_the_chosen_language(official_client, municipality, official):
    _post(
        official_client,
        municipality,
        official,
        original_language="uk",
        title="Лікарняні ліжка",
        description="Ліжка з матрацами.",
        title_en="Hospital beds",
    )

    need = Need.objects.get()
    assert need.original_language == "uk"
    assert need.title_uk == "Лікарняні ліжка"
    assert need.description_uk == "Ліжка з матрацами."
    assert need.title_en == "Hospital beds"
    assert need.description_en is None


def test_a_translation_may_not_contradict_the_original(official_client, municipality, official):
    response = _post(official_client, municipality, official, title_en="Something else")

    assert _errors(response, "title_en")
    assert not Need.objects.exists()


def test_the_form_defaults_to_the_interface_language(official_client):
    with translation.override("uk"):
        response = official_client.get(reverse("needs:create"))

    assert response.context["form"]["original_language"].value() == "uk"


def test_topics_are_grouped_by_sector(official_client):
    response = official_client.get(reverse("needs:create"))

    content = response.content.decode()
    assert '<optgroup label="Health and medical care">' in content
    health = content.index('<optgroup label="Health and medical care">')
    assert content.index("Medical equipment", health) < content.index("</optgroup>", health)


def test_a_single_municipality_is_preselected(official_client, municipality):
    response = official_client.get(reverse("needs:create"))

    assert response.context["form"]["municipality"].value() == municipality.pk
    assert response.context["form"]["contact"].value() == response.wsgi_request.user.pk


def test_the_municipality_can_be_preselected_in_the_url(official, official_client):
    second = MunicipalityFactory()
    MembershipFactory(user=official, municipality=second)

    response = official_client.get(reverse("needs:create") + f"?municipality={second.slug}")

    assert response.context["form"]["municipality"].value() == second.pk


def test_without_preselection_several_municipalities_leave_the_choice_open(
    official, official_client
):
    MembershipFactory(user=official, municipality=MunicipalityFactory())

    response = official_client.get(reverse("needs:create"))

    assert response.context["form"]["municipality"].value() is None


def test_an_unchanged_old_date_does_not_block_an_edit(official_client, municipality, official):
    need = NeedFactory(
        municipality=municipality,
        contact=official,
        created_by=official,
        needed_by=date.today() - timedelta(days=3),
    )

    response = official_client.post(
        reverse("needs:edit", args=[need.pk]),
        form_data(
            municipality,
            official,
            title=need.title_en,
            description=need.description_en,
            needed_by=need.needed_by.isoformat(),
            unit="mattresses",
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    need.refresh_from_db()
    assert need.unit == "mattresses"


def test_an_edit_shows_errors_and_keeps_the_posting(official_client, municipality, official):
    need = NeedFactory(municipality=municipality, contact=official, created_by=official)

    response = official_client.post(
        reverse("needs:edit", args=[need.pk]),
        form_data(municipality, official, quantity="-1"),
    )

    assert _errors(response, "quantity")
    need.refresh_from_db()
    assert need.quantity == 20


def test_a_user_without_a_name_is_listed_by_email(official_client, municipality):
    colleague = UserFactory(first_name="", last_name="", email="nameless@example.org")
    MembershipFactory(user=colleague, municipality=municipality)

    response = official_client.get(reverse("needs:create"))

    assert "nameless@example.org" in response.content.decode()
