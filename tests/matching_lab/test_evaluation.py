"""The evaluation's figures on tiny hand-made rankings, and the loader's refusal of bad files."""

import json
from copy import deepcopy

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from matching_lab.evaluation.database import load_labelled_set
from matching_lab.evaluation.dataset import parse_labelled_set
from matching_lab.evaluation.metrics import (
    Rankings,
    evaluate,
    false_alarms,
    precision_at_1,
    recall_at_k,
    reciprocal_rank,
    split_by_language,
)
from matching_lab.scratch_database import scratch_database
from needs.models import Need
from offers.models import Offer
from postings.models import HelpKind, Sector
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_recall_at_5_counts_the_relevant_offers_among_the_first_five():
    ranking = ["a", "b", "c", "d", "e", "f"]

    assert recall_at_k(ranking, {"a"}) == 1.0
    assert recall_at_k(ranking, {"e", "f"}) == 0.5
    assert recall_at_k(ranking, {"x"}) == 0.0
    assert recall_at_k([], {"a"}) == 0.0


def test_recall_is_undefined_for_a_need_without_relevant_offers():
    with pytest.raises(ValueError, match="relevant"):
        recall_at_k(["a"], set())


def test_precision_at_1_looks_at_the_first_offer_only():
    assert precision_at_1(["a", "b"], {"a"}) == 1.0
    assert precision_at_1(["b", "a"], {"a"}) == 0.0
    assert precision_at_1([], {"a"}) == 0.0


def test_reciprocal_rank_is_one_over_the_rank_of_the_first_relevant_offer():
    assert reciprocal_rank(["a", "b", "c"], {"a"}) == 1.0
    assert reciprocal_rank(["a", "b", "c"], {"c", "b"}) == 0.5
    assert reciprocal_rank(["a", "b", "c", "d"], {"d"}) == 0.25
    assert reciprocal_rank(["a"], {"z"}) == 0.0


def test_false_alarms_are_alarmed_needs_without_a_relevant_offer():
    relevant = {"n1": {"o1"}, "n2": set(), "n3": set()}

    assert false_alarms({"n1", "n2"}, relevant) == 1
    assert false_alarms(set(), relevant) == 0


def test_a_need_with_offers_in_both_languages_counts_in_both_splits():
    relevant = {"n1": {"o-uk", "o-de"}, "n2": {"o-de"}, "n3": set()}
    need_language = {"n1": "uk", "n2": "uk", "n3": "uk"}
    offer_language = {"o-uk": "uk", "o-de": "de"}

    same, cross = split_by_language(relevant, need_language, offer_language)

    assert same == {"n1": {"o-uk"}}
    assert cross == {"n1": {"o-de"}, "n2": {"o-de"}}


def test_evaluate_averages_over_the_needs_with_a_relevant_offer():
    relevant = {"n1": {"o1"}, "n2": {"o2", "o3"}, "n3": set()}
    need_language = {"n1": "uk", "n2": "en", "n3": "en"}
    offer_language = {"o1": "uk", "o2": "de", "o3": "en", "o9": "fr"}
    rankings = Rankings(
        ranked={"n1": ["o1"], "n2": ["o9", "o9", "o9", "o9", "o9", "o2", "o3"], "n3": ["o9"]},
        alarmed={"n1", "n3"},
    )

    figures = evaluate(rankings, relevant, need_language, offer_language)

    assert figures == {
        "recall_at_5": 0.5,  # n1: 1, n2: 0
        "precision_at_1": 0.5,
        "mrr": round((1 + 1 / 6) / 2, 4),
        "recall_at_5_same_language": 0.5,  # n1 (o1) 1, n2 (o3) 0
        "recall_at_5_cross_language": 0.0,  # n2 (o2)
        "false_alarms": 1,  # n3
        "notification_precision": 1.0,  # nothing scored, so nothing announced
        "notification_recall": 0.0,
    }


def test_a_split_without_needs_has_no_figure():
    figures = evaluate(Rankings(ranked={"n1": ["o1"]}), {"n1": {"o1"}}, {"n1": "en"}, {"o1": "en"})

    assert figures["recall_at_5_same_language"] == 1.0
    assert figures["recall_at_5_cross_language"] is None


VALID = {
    "municipalities": [
        {"key": "m-a", "name": "A", "country": "UA", "lat": 48.7, "lon": 26.6, "population": 1},
        {"key": "m-b", "name": "B", "country": "DE", "lat": 48.7, "lon": 9.3, "population": None},
    ],
    "needs": [
        {
            "key": "n1", "municipality": "m-a", "language": "uk", "title": "Ліжка",
            "description": "Лікарняні ліжка.", "sector": "health", "topic": "medical-equipment",
            "help_kind": "goods", "quantity": 20, "unit": "ліжок", "needed_by": "2027-01-31",
        },
    ],
    "offers": [
        {
            "key": "o1", "municipality": "m-b", "language": "de", "title": "Betten",
            "description": "Krankenhausbetten.", "sector": "health", "topic": None,
            "help_kind": "goods", "quantity": None, "unit": None, "needed_by": None,
        },
    ],
    "relevant": {"n1": ["o1"]},
}  # fmt: skip


def test_a_valid_set_is_read():
    labelled = parse_labelled_set(VALID)

    assert [need.key for need in labelled.needs] == ["n1"]
    assert labelled.relevant == {"n1": frozenset({"o1"})}
    assert labelled.languages_of("m-b") == ["en", "de"]


def _broken(change) -> dict:
    data = deepcopy(VALID)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("relevant"), "missing 'relevant'"),
        (lambda d: d["needs"][0].pop("help_kind"), r"needs\[0\]: missing 'help_kind'"),
        (lambda d: d["needs"][0].update(sector="space"), "unknown sector 'space'"),
        (lambda d: d["offers"][0].update(topic="rockets"), "unknown topic 'rockets'"),
        (lambda d: d["needs"][0].update(topic="firefighting"), "not in sector 'health'"),
        (lambda d: d["needs"][0].update(help_kind="magic"), "unknown kind of help 'magic'"),
        (lambda d: d["needs"][0].update(municipality="m-z"), "unknown municipality 'm-z'"),
        (lambda d: d["needs"][0].update(language="xx"), "unsupported language 'xx'"),
        (lambda d: d["needs"][0].update(quantity=-3), "'quantity' must be a positive number"),
        (lambda d: d["needs"][0].update(needed_by="soon"), "'needed_by' must be a date"),
        (lambda d: d["offers"][0].update(unit="u" * 51), "unit is longer than 50"),
        (lambda d: d["municipalities"][0].update(lat=123), "'lat' must be a number"),
        (lambda d: d["municipalities"][0].update(country="ZZ"), "unknown country"),
        (lambda d: d["offers"].append(d["offers"][0]), "Two offers have the key 'o1'"),
        (lambda d: d["relevant"].update(n1=["o7"]), "unknown offer 'o7'"),
        (lambda d: d["relevant"].update(n9=[]), "unknown need 'n9'"),
        (lambda d: d.update(needs={}), "'needs' must be a list"),
    ],
)
def test_the_command_rejects_a_bad_set_with_a_clear_error(tmp_path, change, message):
    path = tmp_path / "set.json"
    path.write_text(json.dumps(_broken(change)), encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        call_command("evaluate_matching", str(path), "--json")


def test_the_command_rejects_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "set.json"
    path.write_text("{'needs': ", encoding="utf-8")

    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("evaluate_matching", str(path))


def test_the_command_rejects_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("evaluate_matching", str(tmp_path / "nothing.json"))


def test_the_command_rejects_json_that_is_not_an_object(tmp_path):
    path = tmp_path / "set.json"
    path.write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(CommandError, match="one JSON object"):
        call_command("evaluate_matching", str(path))


def test_the_set_is_loaded_as_verified_municipalities_with_published_postings():
    loaded = load_labelled_set(parse_labelled_set(VALID))

    need = Need.objects.select_related("municipality", "topic").get(pk=loaded.need_pks["n1"])
    offer = Offer.objects.select_related("municipality").get(pk=loaded.offer_pks["o1"])
    assert need.municipality.is_verified
    assert need.municipality.languages == ["en", "uk"]
    assert need.is_public
    assert offer.is_public
    assert (need.title_uk, need.topic.slug, need.quantity) == ("Ліжка", "medical-equipment", 20)
    assert (offer.title_de, offer.topic, offer.available_until) == ("Betten", None, None)
    assert need.contact.memberships.get().municipality == need.municipality


def test_the_scratch_database_is_dropped_and_the_connection_restored_even_after_a_failure():
    original = connections[DEFAULT_DB_ALIAS]
    Need.objects.create(
        municipality=MunicipalityFactory(), original_language="en", title_en="Kept",
        sector=Sector.objects.get(slug="health"), help_kind=HelpKind.objects.first(),
    )  # fmt: skip

    seen = {}

    def look_around_and_fail() -> None:
        with scratch_database("evaluate_matching") as name:
            seen.update(
                name=name,
                swapped=connections[DEFAULT_DB_ALIAS] is not original,
                taxonomy=Sector.objects.filter(slug="health").exists(),  # migrated
                needs=Need.objects.count(),
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        look_around_and_fail()

    assert seen == {"name": seen["name"], "swapped": True, "taxonomy": True, "needs": 0}
    assert connections[DEFAULT_DB_ALIAS] is original
    assert Need.objects.filter(title_en="Kept").exists()
    with original.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [seen["name"]])
        assert cursor.fetchone() is None
