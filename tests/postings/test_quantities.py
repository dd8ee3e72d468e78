"""Quantities as people write them in the reader's language, with the unit translated: "1,5
шт.", "20 Stück", not "20.00"; on the pages, in the lists and on matches."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from postings.selectors import with_translations
from postings.tasks import translate_posting
from tests.factories import MatchFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("en", Decimal("20.00"), "20"),
        ("en", Decimal("1.50"), "1.5"),
        ("de", Decimal("1.50"), "1,5"),
        ("uk", Decimal("0.25"), "0,25"),
        ("de", Decimal("12500.00"), "12.500"),
        ("en", Decimal("12500.00"), "12,500"),
        ("en", None, ""),
    ],
)
def test_numbers_are_written_the_reader_s_way(language, value, shown):
    template = Template("{% load quantities %}{{ value|number }}")

    with translation.override(language):
        assert template.render(Context({"value": value})) == shown


def test_a_quantity_comes_with_the_unit_in_the_reader_s_language(
    libretranslate, other_municipality
):
    offer = OfferFactory(
        municipality=other_municipality,
        original_language="de",
        title_de="Stromerzeuger",
        quantity=Decimal("1.50"),
        unit="Stück",
    )
    translate_posting(offer._meta.label_lower, offer.pk)
    [offer] = with_translations([type(offer).objects.get(pk=offer.pk)])
    template = Template("{% load postings_tags %}{{ offer.quantity|amount:offer }}")

    with translation.override("uk"):
        assert template.render(Context({"offer": offer})) == "1,5 шт."
    with translation.override("de"):
        assert template.render(Context({"offer": offer})) == "1,5 Stück"


def test_the_cards_and_the_page_show_plain_numbers(client, municipality):
    need = NeedFactory(municipality=municipality, quantity=Decimal("20.00"), unit="beds")
    need.quantity_covered = Decimal("4.50")
    need.save()

    card = client.get("/en/needs/").content.decode()
    page = client.get(f"/de/needs/{need.pk}/").content.decode()

    assert "Still needed: 15.5 of 20 beds" in card
    assert "15,5" in page
    assert "20.00" not in card + page


def test_the_match_page_shows_agreed_quantities_in_the_reader_s_way(
    client, official, municipality, offering
):
    match = MatchFactory(
        need=NeedFactory(municipality=municipality, contact=official, unit="beds"),
        offer=OfferFactory(municipality=offering),
        status="agreed",
        agreed_quantity=Decimal("12.50"),
        agreed_at=timezone.now(),
    )
    client.force_login(official)

    content = client.get(f"/de/matches/{match.pk}/").content.decode()

    assert "12,5 beds" in content
