"""Only pairs with positive evidence are announced: the item itself, a compatible kind of help,
dates that work and a substantial quantity. The others stay as possible matches, with reasons
that say what does not fit."""

from datetime import date

import pytest

from matching.engine.pipeline import match_posting
from matching.engine.reasons import MISFITS, Reason
from matching.engine.weights import NOTIFY_THRESHOLD
from matching.models import Match
from matching.notifications import notifiable
from tests.factories import NeedFactory, OfferFactory, taxonomy

pytestmark = pytest.mark.django_db


def _need(municipality, **fields):
    defaults = {
        "original_language": "uk",
        "title_en": "",
        "description_en": "",
        "title_uk": "Модульні будинки для родин, що втратили житло",
        "description_uk": "Сорок родин живуть у пунктах тимчасового розміщення. Потрібні "
        "модульні будинки для 40 родин.",
        "quantity": 40,
        "unit": "будинків",
        "needed_by": date(2027, 10, 1),
        **taxonomy("housing", "temporary-housing", "goods"),
    }
    return NeedFactory(municipality=municipality, **{**defaults, **fields})


def _offer(municipality, **fields):
    defaults = {
        "original_language": "de",
        "title_en": "",
        "description_en": "",
        "title_de": "Modulhäuser für Familien",
        "description_de": "Wir geben Modulhäuser (Wohncontainer mit Bad und Küche) für "
        "Familien ab, die ihr Zuhause verloren haben.",
        "quantity": 30,
        "unit": "Modulhäuser",
        "available_until": date(2027, 12, 31),
        **taxonomy("housing", "temporary-housing", "goods"),
    }
    return OfferFactory(municipality=municipality, **{**defaults, **fields})


def _match(need, offer) -> Match:
    match_posting(need)
    return Match.objects.get(need=need, offer=offer)


def _codes(match: Match) -> set[str]:
    return {reason["code"] for reason in match.reasons}


def test_an_offer_that_gives_what_is_needed_is_announced(municipality, other_municipality):
    need, offer = _need(municipality), _offer(other_municipality)

    match = _match(need, offer)

    assert match.score >= NOTIFY_THRESHOLD
    assert notifiable(Match.objects.filter(pk=match.pk)).exists()
    assert not _codes(match) & MISFITS


def test_a_need_for_an_item_no_offer_provides_announces_nothing_though_sector_and_topic_agree(
    municipality, other_municipality
):
    need = _need(
        municipality,
        title_uk="Ліжка та постільна білизна для гуртожитку переселенців",
        description_uk="Гуртожиток для переселенців приймає 40 родин. Потрібні двоярусні "
        "ліжка, матраци, ковдри та постільна білизна.",
        quantity=None,
        unit="",
    )
    offer = _offer(
        other_municipality,
        title_de="Planung von Containersiedlungen",
        description_de="Unser Bauamt berät beim Aufstellen von Containersiedlungen: "
        "Genehmigung, Erschließung, Brandschutz.",
        quantity=None,
        unit="",
        **taxonomy("housing", "temporary-housing", "goods"),
    )

    match_posting(need)

    announced = notifiable(Match.objects.filter(need=need))
    assert not announced.exists()
    assert not notifiable(Match.objects.filter(offer=offer)).exists()


def test_an_offer_covering_a_tenth_of_the_quantity_is_a_possible_match_not_an_announced_one(
    municipality, other_municipality
):
    need, offer = _need(municipality), _offer(other_municipality, quantity=4)

    match = _match(need, offer)

    assert match.score < NOTIFY_THRESHOLD
    assert match.status == Match.Status.SUGGESTED  # still listed, as a possible match
    [too_little] = [r for r in match.reasons if r["code"] == Reason.TOO_LITTLE]
    assert (too_little["covered"], too_little["of"]) == (4, 40.0)


def test_goods_offered_where_training_is_needed_is_only_possible(municipality, other_municipality):
    need = _need(municipality, **taxonomy("housing", "temporary-housing", "training"))
    offer = _offer(other_municipality)

    match = _match(need, offer)

    assert match.score < NOTIFY_THRESHOLD
    [kind] = [r for r in match.reasons if r["code"] == Reason.OTHER_KIND]
    assert (kind["offered"], kind["needed"]) == ("goods", "training")


def test_an_offer_that_ends_months_before_the_deadline_is_only_possible(
    municipality, other_municipality
):
    need, offer = _need(municipality), _offer(other_municipality, available_until=date(2027, 3, 1))

    match = _match(need, offer)

    assert match.score < NOTIFY_THRESHOLD
    [early] = [r for r in match.reasons if r["code"] == Reason.ENDS_TOO_EARLY]
    assert (early["until"], early["needed_by"]) == ("2027-03-01", "2027-10-01")


def test_an_offer_ending_a_few_weeks_early_still_fits(municipality, other_municipality):
    need, offer = _need(municipality), _offer(other_municipality, available_until=date(2027, 9, 1))

    match = _match(need, offer)

    assert Reason.ENDS_TOO_EARLY not in _codes(match)
    assert match.score >= NOTIFY_THRESHOLD
