"""What people type into a need or an offer is kept as they meant it: titles and units without
the invisible characters that bend them, on the pages and over the API alike; a word with a
zero-width character inside is still found; a date is not decades ahead."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from needs.models import Need
from offers.models import Offer
from postings.models import Posting
from postings.search import search
from postings.services.lifecycle import LATEST_DATE_YEARS
from tests.api.clients import token_client
from tests.factories import NeedFactory, form_data

pytestmark = pytest.mark.django_db

RLO, PDF, ZWSP = "\u202e", "\u202c", "\u200b"


def _years_ahead(years: int) -> date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def _create(client, municipality, user, model=Need, /, **overrides):
    url = reverse(f"{model._meta.app_label}:create")
    return client.post(url, form_data(municipality, user, **overrides))


def test_the_form_removes_bidirectional_controls_from_title_and_unit(
    official_client, municipality, official
):
    response = _create(
        official_client,
        municipality,
        official,
        title=f"Hospital {RLO}sdeb{PDF}",
        unit=f"{RLO}beds{PDF}",
    )
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.title_en, need.unit) == ("Hospital sdeb", "beds")


def test_the_api_removes_them_from_the_title_in_every_language(official, municipality):
    body = {
        "municipality": str(municipality.uuid),
        "original_language": "uk",
        "title": {"uk": f"{RLO}Ліжка{PDF}", "de": f"Betten{RLO}"},
        "description": {"uk": "Двадцять ліжок."},
        "sector": "health",
        "help_kind": "goods",
        "quantity": 20,
        "unit": f"ліжок{PDF}",
    }
    response = token_client(official).post("/api/v1/needs/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["title"]["uk"] == "Ліжка"
    assert response.json()["title"]["de"] == "Betten"
    assert response.json()["unit"] == "ліжок"


def test_a_word_typed_with_a_zero_width_space_inside_is_found_whole(
    official_client, municipality, official
):
    _create(official_client, municipality, official, title=f"Kranken{ZWSP}hausbetten")
    Need.objects.update(status=Posting.Status.PUBLISHED)
    assert list(search(Need.objects.all(), "Krankenhausbetten")) == [Need.objects.get()]


def test_a_search_with_a_zero_width_space_inside_a_word_finds_it(municipality):
    need = NeedFactory(municipality=municipality, title_en="Betten für das Krankenhaus")
    # Split, the query would be "bett" and a word beginning with "en".
    assert list(search(Need.objects.all(), f"Bett{ZWSP}en")) == [need]


def test_a_date_five_years_ahead_is_accepted(official_client, municipality, official):
    latest = _years_ahead(LATEST_DATE_YEARS)
    response = _create(official_client, municipality, official, needed_by=latest.isoformat())
    assert response.status_code == 302
    assert Need.objects.get().needed_by == latest


def test_a_date_further_ahead_is_refused_naming_the_latest(official_client, municipality, official):
    too_late = _years_ahead(LATEST_DATE_YEARS) + timedelta(days=1)
    response = _create(official_client, municipality, official, needed_by=too_late.isoformat())
    assert response.status_code == 200
    [message] = response.context["form"].errors["needed_by"]
    latest = _years_ahead(LATEST_DATE_YEARS)
    assert message == (
        f"This date is more than 5 years ahead; the latest possible is {date_format(latest)}."
    )
    assert not Need.objects.exists()


def test_an_offer_over_the_api_obeys_the_same_limit(giver, offering):
    body = {
        "municipality": str(offering.uuid),
        "original_language": "pl",
        "title": {"pl": "Łóżka szpitalne"},
        "description": {"pl": "Dwadzieścia łóżek."},
        "sector": "health",
        "help_kind": "goods",
        "available_until": "2062-01-01",
    }
    response = token_client(giver).post("/api/v1/offers/", body, format="json")
    assert response.status_code == 400
    assert "available_until" in response.json()["errors"]
    assert not Offer.objects.exists()


def test_an_unchanged_far_date_does_not_block_other_edits(official_client, official, need):
    Need.objects.filter(pk=need.pk).update(needed_by=_years_ahead(LATEST_DATE_YEARS + 3))
    url = reverse("needs:edit", args=[need.pk])
    response = official_client.post(
        url,
        form_data(
            need.municipality,
            official,
            title="Hospital beds, 30 of them",
            needed_by=_years_ahead(LATEST_DATE_YEARS + 3).isoformat(),
            action="save",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    need.refresh_from_db()
    assert need.title_en == "Hospital beds, 30 of them"
