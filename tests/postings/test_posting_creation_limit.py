"""One account creates at most POSTINGS_PER_HOUR needs and offers an hour, on the pages and in
the API alike: over it, a form error or a 429 that says how long to wait, and nothing stored."""

import re

import pytest
from django.urls import reverse

from needs.models import Need
from offers.models import Offer
from tests.api.clients import token_client
from tests.factories import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_an_hour(settings):
    settings.POSTINGS_PER_HOUR = 2


def _create(client, municipality, user, model=Need):
    """A posting of its own (the same title again would be asked about as a duplicate)."""
    data = form_data(municipality, user, confirm_not_duplicate="on")
    return client.post(reverse(f"{model._meta.app_label}:create"), data)


def test_the_form_refuses_one_posting_too_many_with_a_clear_message(
    official_client, municipality, official
):
    _create(official_client, municipality, official)
    _create(official_client, municipality, official, Offer)

    response = _create(official_client, municipality, official)

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert re.fullmatch(
        r"You have created 2 needs and offers within an hour\. You can go on in \d+ minutes?\.",
        errors[0],
    )
    assert Need.objects.count() + Offer.objects.count() == 2


def test_the_api_answers_429_with_retry_after(official, municipality):
    api = token_client(official)
    body = {
        "municipality": str(municipality.uuid),
        "original_language": "en",
        "title": {"en": "Beds"},
        "description": {"en": "Twenty beds."},
        "sector": "health",
        "help_kind": "goods",
    }
    for _ in range(2):
        created = api.post("/api/v1/needs/", body, format="json")
        assert created.status_code == 201, created.json()["errors"]

    response = api.post("/api/v1/needs/", body, format="json")

    assert response.status_code == 429
    assert response.json()["code"] == "limit_reached"
    assert int(response["Retry-After"]) > 0
    assert Need.objects.count() == 2


def test_another_official_has_their_own_count(official_client, municipality, official, manager):
    for _ in range(2):
        _create(official_client, municipality, official)
    official_client.force_login(manager)
    assert _create(official_client, municipality, manager).status_code == 302
