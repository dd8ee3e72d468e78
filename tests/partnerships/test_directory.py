"""The directory of partnerships: filters by kind, status, country and sector, a search by a
member's name in any language, counts beside every choice; the map of the same selection."""

from datetime import date

import pytest

from postings.models import Sector
from tests.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns() -> dict:
    def town(slug: str, country: str, **names):
        return MunicipalityFactory(slug=slug, country=country, **names)

    return {
        "krefeld": town("krefeld", "DE", name_en="Krefeld"),
        "dunkirk": town("dunkirk", "FR", name_en="Dunkirk", name_fr="Dunkerque"),
        "venlo": town("venlo", "NL", name_en="Venlo"),
        "kropyvnytskyi": town(
            "kropyvnytskyi", "UA", name_en="Kropyvnytskyi", name_uk="Кропивницький"
        ),
        "bytow": town("bytow", "PL", name_en="Bytów"),
        "frankenberg": town("frankenberg", "DE", name_en="Frankenberg (Eder)"),
    }


@pytest.fixture
def partnerships(towns) -> dict:
    twinning = PartnershipFactory(
        members=[towns["krefeld"], towns["dunkirk"]], started_on=date(1974, 1, 1)
    )
    trilateral = PartnershipFactory(
        members=[towns["krefeld"], towns["venlo"], towns["kropyvnytskyi"]],
        kind="cooperation",
        started_on=date(2023, 9, 11),
    )
    trilateral.sectors.set([Sector.objects.get(slug="health")])
    suspended = PartnershipFactory(
        members=[towns["bytow"], towns["frankenberg"]], status="suspended"
    )
    proposal = PartnershipFactory(
        members=[towns["bytow"], towns["venlo"]], status="proposed", started_on=None
    )
    return {
        "twinning": twinning,
        "trilateral": trilateral,
        "suspended": suspended,
        "proposal": proposal,
    }


def _listed(client, query: str = "") -> list[str]:
    response = client.get(f"/en/partnerships/?{query}")
    assert response.status_code == 200
    return [partnership.display_name for partnership in response.context["page"]]


def test_everyone_sees_the_agreed_partnerships_but_no_proposal(client, partnerships):
    assert _listed(client) == [
        "Krefeld – Kropyvnytskyi – Venlo",
        "Bytów – Frankenberg (Eder)",
        "Dunkirk – Krefeld",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=twinning", ["Bytów – Frankenberg (Eder)", "Dunkirk – Krefeld"]),
        ("status=suspended", ["Bytów – Frankenberg (Eder)"]),
        ("country=FR", ["Dunkirk – Krefeld"]),
        ("sector=health", ["Krefeld – Kropyvnytskyi – Venlo"]),
        ("q=Кропив", ["Krefeld – Kropyvnytskyi – Venlo"]),
        ("q=dunkerque", ["Dunkirk – Krefeld"]),
        ("kind=twinning&country=DE", ["Bytów – Frankenberg (Eder)", "Dunkirk – Krefeld"]),
        ("kind=twinning&status=active", ["Dunkirk – Krefeld"]),
        ("q=Venlo", ["Krefeld – Kropyvnytskyi – Venlo"]),
    ],
)
def test_the_filters(client, partnerships, query, expected):
    assert _listed(client, query) == expected


def test_each_choice_says_how_many_it_would_show(client, partnerships):
    page = client.get("/en/partnerships/?kind=twinning").content.decode()
    assert "2 partnerships" in page
    assert '<option value="twinning" selected>Twinning (2)</option>' in page
    assert '<option value="cooperation">Cooperation agreement (1)</option>' in page
    assert '<option value="suspended">Suspended (1)</option>' in page
    assert '<option value="FR">France (1)</option>' in page
    assert 'value="UA"' not in page, "no twinning in Ukraine"
    assert 'value="proposed"' not in page


def test_the_map_draws_the_same_selection_with_the_list_beside_it(client, partnerships, towns):
    towns["krefeld"].latitude, towns["krefeld"].longitude = 51.3388, 6.5853
    towns["dunkirk"].latitude, towns["dunkirk"].longitude = 51.0344, 2.3768
    for town in ("krefeld", "dunkirk"):
        towns[town].save()
    page = client.get("/en/partnerships/map/?kind=twinning").content.decode()
    assert page.count('class="place member"') == 2, "only the towns with coordinates"
    assert page.count('class="tie"') == 1
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    list_html = page[page.index('id="map-list-heading"') :]
    assert "Dunkirk – Krefeld" in list_html
    assert "Bytów – Frankenberg (Eder)" in list_html, "listed, though not on the map"
    assert "Venlo" not in list_html


def test_the_directory_and_the_map_take_a_constant_number_of_queries(
    client, partnerships, page_queries
):
    few = {url: page_queries(client, url, at_most=12) for url in DIRECTORY_PAGES}
    for _ in range(20):
        partnership = PartnershipFactory(members=MunicipalityFactory.create_batch(3))
        partnership.sectors.set(Sector.objects.all()[:2])
    for url, count in few.items():
        page_queries(client, url, at_most=count)


DIRECTORY_PAGES = ["/en/partnerships/", "/en/partnerships/map/", "/en/partnerships/?kind=twinning"]
