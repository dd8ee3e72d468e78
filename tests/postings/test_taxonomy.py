"""The sector taxonomy installed by migration: slugs of shared/taxonomy.md, five languages."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from postings.models import HelpKind, Sector, Topic
from postings.taxonomy_data import LANGUAGES, install_taxonomy

pytestmark = pytest.mark.django_db

# Copied from shared/taxonomy.md: these slugs are what API clients send, so they never change.
SECTOR_TOPICS = {
    "energy": ["generators", "heating", "power-grid", "renewables", "energy-efficiency"],
    "water": ["drinking-water", "water-treatment", "sewage", "pumps"],
    "health": [
        "medical-equipment",
        "medicines",
        "ambulances",
        "hospital-partnership",
        "rehabilitation",
        "mental-health",
    ],
    "civil-protection": ["firefighting", "rescue", "demining", "shelters", "emergency-planning"],
    "housing": [
        "temporary-housing",
        "construction-materials",
        "reconstruction-planning",
        "heritage-restoration",
    ],
    "education": [
        "schools",
        "kindergartens",
        "universities",
        "vocational-training",
        "youth-exchange",
    ],
    "social": [
        "displaced-persons",
        "children-and-families",
        "elderly-care",
        "disability",
        "integration",
    ],
    "administration": [
        "e-government",
        "it-equipment",
        "staff-training",
        "citizen-participation",
        "budgeting",
    ],
    "transport": ["public-transport", "municipal-vehicles", "roads-and-bridges"],
    "environment": ["waste-management", "climate-adaptation", "green-spaces"],
    "economy": ["business-support", "tourism", "agriculture", "employment"],
    "culture": ["culture-exchange", "sport", "remembrance", "media"],
    "urban-planning": ["spatial-planning", "smart-city", "mobility-planning"],
}
SECTOR_NAMES = {
    "energy": "Energy and heating",
    "water": "Water and sanitation",
    "health": "Health and medical care",
    "civil-protection": "Civil protection and emergency services",
    "housing": "Housing and reconstruction",
    "education": "Education, youth and science",
    "social": "Social services and integration",
    "administration": "Public administration and digitalisation",
    "transport": "Transport and municipal vehicles",
    "environment": "Environment, waste and climate",
    "economy": "Economic development and jobs",
    "culture": "Culture, sport and remembrance",
    "urban-planning": "Urban planning and smart city",
}
HELP_KIND_NAMES = {
    "goods": "Goods and equipment",
    "expertise": "Expertise and know-how",
    "training": "Training and exchange",
    "funding": "Funding",
    "personnel": "Personnel and volunteers",
    "hosting": "Hosting",
}
ALL_TOPICS = [slug for topics in SECTOR_TOPICS.values() for slug in topics]


def _counts() -> tuple[int, int, int]:
    return Sector.objects.count(), Topic.objects.count(), HelpKind.objects.count()


def test_every_sector_exists_once_in_the_order_of_the_reference():
    assert list(Sector.objects.values_list("slug", flat=True)) == list(SECTOR_TOPICS)


def test_every_kind_of_help_exists_once_in_the_order_of_the_reference():
    assert list(HelpKind.objects.values_list("slug", flat=True)) == list(HELP_KIND_NAMES)


def test_every_topic_exists_once_in_the_order_of_the_reference():
    assert list(Topic.objects.values_list("slug", flat=True)) == ALL_TOPICS


def test_every_topic_is_in_its_sector():
    for sector in Sector.objects.prefetch_related("topics"):
        assert [topic.slug for topic in sector.topics.all()] == SECTOR_TOPICS[sector.slug]


def test_sectors_and_kinds_of_help_have_the_english_names_of_the_reference():
    assert dict(Sector.objects.values_list("slug", "name_en")) == SECTOR_NAMES
    assert dict(HelpKind.objects.values_list("slug", "name_en")) == HELP_KIND_NAMES


@pytest.mark.parametrize("model", [Sector, Topic, HelpKind])
def test_every_entry_is_named_and_described_in_all_five_languages(model):
    for entry in model.objects.all():
        for language in LANGUAGES:
            assert getattr(entry, f"name_{language}").strip(), (entry.slug, language)
            assert getattr(entry, f"description_{language}").strip(), (entry.slug, language)


@pytest.mark.parametrize("model", [Sector, Topic, HelpKind])
def test_the_untranslated_columns_hold_the_english_text(model):
    # rewrite(False): read the columns themselves, not the active language's.
    rows = model.objects.rewrite(False).values_list(
        "name", "name_en", "description", "description_en"
    )
    for name, name_en, description, description_en in rows:
        assert (name, description) == (name_en, description_en)


def test_installing_again_creates_nothing_and_keeps_an_entry_added_by_an_admin():
    energy = Sector.objects.get(slug="energy")
    extra = Topic.objects.create(
        slug="district-heating", name_en="District heating", sector=energy, position=15
    )
    before = _counts()

    install_taxonomy(Sector, Topic, HelpKind)

    assert _counts() == before
    extra.refresh_from_db()
    assert (extra.name_en, extra.sector, extra.position) == ("District heating", energy, 15)


def test_installing_again_restores_a_reworded_name():
    Sector.objects.filter(slug="water").update(name_de="Wasser")

    install_taxonomy(Sector, Topic, HelpKind)

    assert Sector.objects.get(slug="water").name_de == "Wasserversorgung und Abwasser"


def test_the_migration_installs_the_taxonomy_with_historical_models():
    Topic.objects.all().delete()
    Sector.objects.all().delete()
    HelpKind.objects.all().delete()
    migration = importlib.import_module("postings.migrations.0002_taxonomy")
    state = MigrationExecutor(connection).loader.project_state(("postings", "0002_taxonomy"))

    migration.install(state.apps, schema_editor=None)

    assert _counts() == (len(SECTOR_TOPICS), len(ALL_TOPICS), len(HELP_KIND_NAMES))
