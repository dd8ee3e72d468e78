"""Needs and offers written in Ukrainian and German, as in the demo, for the tests of machine
translation and search across languages (tests/translation_server.py knows their texts)."""

from needs.models import Need
from offers.models import Offer
from postings.services import lifecycle
from tests.factories import NeedFactory, OfferFactory, taxonomy

BEDS_UK = {
    "original_language": "uk",
    "title_en": "",
    "description_en": "",
    "title_uk": "Лікарняні ліжка та монітори пацієнта",
    "description_uk": (
        "Обласній лікарні потрібні 20 функціональних ліжок з матрацами і монітори пацієнта."
    ),
    "unit": "ліжок",
    "logistics": "Доставка до Кропивницького; розвантаження забезпечимо.",
}
BEDS_DE = {
    "original_language": "de",
    "title_en": "",
    "description_en": "",
    "title_de": "Krankenhausbetten und Patientenmonitore",
    "description_de": "Ein Klinikum gibt 20 Pflegebetten mit Matratzen und Patientenmonitore ab.",
    "unit": "Betten",
}


def post_need(official, municipality, **fields) -> Need:
    """A need published through the service, as the page does (run it in
    django_capture_on_commit_callbacks(execute=True) to have the worker translate it)."""
    texts = {key: value for key, value in BEDS_UK.items() if not key.endswith("_en")}
    return lifecycle.posting_create(
        user=official,
        model=Need,
        municipality=municipality,
        publish=True,
        **taxonomy("health", "medical-equipment", "goods"),
        quantity=20,
        **{**texts, **fields},
    )


def ukrainian_need(municipality, **fields) -> Need:
    return NeedFactory(municipality=municipality, **{**BEDS_UK, **fields})


def german_offer(municipality, **fields) -> Offer:
    return OfferFactory(municipality=municipality, **{**BEDS_DE, **fields})
