"""Posting something the municipality has already posted: the form shows the existing one first."""

import pytest
from django.urls import reverse

from needs.models import Need
from offers.models import Offer
from postings.models import Posting
from tests.factories import NeedFactory, OfferFactory, form_data

pytestmark = pytest.mark.django_db

TITLE = "Hospital beds for the regional hospital"


def _create(client, municipality, official, model=Need, **overrides):
    url = reverse(f"{model._meta.app_label}:create")
    return client.post(url, form_data(municipality, official, title=TITLE, **overrides))


def test_a_similar_open_need_is_shown_before_saving(official_client, municipality, official):
    existing = NeedFactory(
        municipality=municipality, title_en="Hospital beds for regional hospital"
    )

    response = _create(official_client, municipality, official)

    assert response.status_code == 200
    assert response.context["duplicates"] == [existing]
    content = response.content.decode()
    assert "Is this already posted?" in content
    assert f'href="{existing.get_absolute_url()}"' in content
    assert 'name="confirm_not_duplicate"' in content
    assert Need.objects.count() == 1


def test_the_form_keeps_what_was_typed(official_client, municipality, official):
    NeedFactory(municipality=municipality, title_en=TITLE)

    response = _create(official_client, municipality, official, logistics="By lorry to Lviv.")

    assert response.context["form"]["logistics"].value() == "By lorry to Lviv."


def test_ticking_post_it_anyway_creates_it(official_client, municipality, official):
    NeedFactory(municipality=municipality, title_en=TITLE)

    response = _create(official_client, municipality, official, confirm_not_duplicate="on")

    assert response.status_code == 302
    assert Need.objects.filter(title_en=TITLE).count() == 2


def test_a_similar_draft_counts_too(official_client, municipality, official):
    NeedFactory(municipality=municipality, title_en=TITLE, status=Posting.Status.DRAFT)

    response = _create(official_client, municipality, official)

    assert response.status_code == 200
    assert len(response.context["duplicates"]) == 1


def test_nothing_similar_means_no_warning(official_client, municipality, official):
    NeedFactory(municipality=municipality, title_en="Fire hoses and nozzles")

    response = _create(official_client, municipality, official)

    assert response.status_code == 302
    assert Need.objects.count() == 2


def test_another_municipalitys_posting_is_no_duplicate(
    official_client, municipality, other_municipality, official
):
    NeedFactory(municipality=other_municipality, title_en=TITLE)

    response = _create(official_client, municipality, official)

    assert response.status_code == 302


def test_a_closed_posting_is_no_duplicate(official_client, municipality, official):
    NeedFactory(municipality=municipality, title_en=TITLE, status=Posting.Status.WITHDRAWN)

    response = _create(official_client, municipality, official)

    assert response.status_code == 302


def test_offers_are_compared_with_offers(official_client, municipality, official):
    NeedFactory(municipality=municipality, title_en=TITLE)
    OfferFactory(municipality=municipality, title_en="Hospital beds for the regional hospitals")

    response = _create(official_client, municipality, official, Offer)

    assert response.status_code == 200
    assert Offer.objects.count() == 1


def test_the_checkbox_is_not_shown_without_duplicates(official_client):
    response = official_client.get(reverse("needs:create"))

    assert 'name="confirm_not_duplicate"' not in response.content.decode()
