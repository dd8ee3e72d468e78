"""Bidirectional controls, which make a title display as another word than it is, are removed
from titles, names and units wherever they are written; zero-width characters, which split a
word for search, from the texts that are searched."""

import pytest
from django.core.exceptions import ValidationError

from accounts.services import user_update_profile
from core.text import clean_label, clean_text
from municipalities.services import municipality_register
from needs.models import Need
from partnerships.services.proposals import partnership_propose
from postings.services.lifecycle import posting_create
from tests.factories import taxonomy

pytestmark = pytest.mark.django_db

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
MARKS = "\u200e\u200f\u061c"
ZWSP, ZWJ, WORD_JOINER, BOM = "\u200b", "\u200d", "\u2060", "\ufeff"


@pytest.mark.parametrize(
    "control", [*"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", *MARKS]
)
def test_a_label_loses_every_bidirectional_control(control):
    assert clean_label(f"Hospital{control} beds") == "Hospital beds"


@pytest.mark.parametrize("invisible", [ZWSP, "\u200c", ZWJ, WORD_JOINER, BOM])
def test_a_label_and_a_text_lose_zero_width_characters(invisible):
    assert clean_label(f"Kranken{invisible}hausbetten") == "Krankenhausbetten"
    assert clean_text(f"Kranken{invisible}hausbetten") == "Krankenhausbetten"


def test_a_text_keeps_what_a_description_may_use():
    text = "Lits d'hôpital — 20 pièces,\nlivrés à Lviv (Львів)."
    assert clean_text(text) == text
    assert clean_label("Ліжка для лікарні") == "Ліжка для лікарні"


def test_a_posting_s_titles_in_every_language_and_its_unit_are_cleaned(official, municipality):
    need = posting_create(
        user=official,
        model=Need,
        municipality=municipality,
        publish=False,
        original_language="uk",
        title_uk=f"{RLO}Ліжка{PDF}",
        title_de=f"Kranken{ZWSP}hausbetten{MARKS}",
        description_uk=f"Двадцять{BOM} ліжок",
        quantity=20,
        unit=f"{LRI}ліжок{PDI}",
        **taxonomy("health", "medical-equipment", "goods"),
    )
    need.refresh_from_db()
    assert (need.title_uk, need.title_de) == ("Ліжка", "Krankenhausbetten")
    assert need.description_uk == "Двадцять ліжок"
    assert need.unit == "ліжок"


def test_a_title_of_nothing_but_controls_is_missing(official, municipality):
    with pytest.raises(ValidationError, match="Please write this"):
        posting_create(
            user=official,
            model=Need,
            municipality=municipality,
            publish=False,
            original_language="en",
            title_en=RLO + PDF,
            description_en="Beds",
            **taxonomy("health", "medical-equipment", "goods"),
        )


def test_a_municipality_s_names_and_region_are_cleaned(official):
    municipality = municipality_register(
        user=official,
        name_en=f"Kamianets{RLO}-Podilskyi",
        name_uk=f"{LRI}Кам'янець-Подільський{PDI}",
        country="UA",
        region=f"Khmelnytskyi{MARKS} Oblast",
    )
    municipality.refresh_from_db()
    assert municipality.name_en == "Kamianets-Podilskyi"
    assert municipality.name_uk == "Кам'янець-Подільський"
    assert municipality.region == "Khmelnytskyi Oblast"


def test_a_user_s_name_and_function_are_cleaned(official):
    user_update_profile(
        user=official,
        first_name=f"Ka{RLO}trin",
        last_name="Maier",
        function=f"Head of the fire brigade{PDF}",
        phone="",
    )
    official.refresh_from_db()
    assert (official.first_name, official.function) == ("Katrin", "Head of the fire brigade")


def test_a_partnership_s_title_is_cleaned(manager, municipality, other_municipality):
    partnership = partnership_propose(
        user=manager,
        municipality=municipality,
        partners=[other_municipality],
        kind="twinning",
        original_language="en",
        title_en=f"{RLO}Twinning{PDF} Kamianets–Esslingen",
    )
    partnership.refresh_from_db()
    assert partnership.title_en == "Twinning Kamianets–Esslingen"
