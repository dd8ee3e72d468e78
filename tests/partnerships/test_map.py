"""The map drawn on the server: an image to assistive technology with a title and a
description, every text escaped, places fitted into the picture from Europe to Peru."""

import re

from partnerships.map import Place, Tie, draw_map

KREFELD = Place(1, "Krefeld", 51.3388, 6.5853)
VENLO = Place(2, "Venlo", 51.3704, 6.1724)
KROPYVNYTSKYI = Place(3, "Kropyvnytskyi", 48.5079, 32.2623)
TREPTOW = Place(4, "Treptow-Köpenick", 52.4454, 13.5747)
CAJAMARCA = Place(5, "Cajamarca", -7.1638, -78.5003)


def _draw(places, ties=(), **texts) -> str:
    return draw_map(
        places,
        ties,
        map_id="map",
        title=texts.get("title", "Partnerships"),
        description=texts.get("description", "Members and ties."),
        empty_text="Nothing to draw.",
    )


def _points(svg: str, kind: str = "place") -> dict[str, tuple[float, float]]:
    """Name → the centre of its dot (on the main map, or with kind="inset-place" the inset)."""
    found = re.findall(
        rf'<circle class="{kind} \w+" data-name="([^"]+)" cx="([\d.-]+)" cy="([\d.-]+)"', svg
    )
    return {name: (float(x), float(y)) for name, x, y in found}


def _size(svg: str) -> tuple[int, int]:
    width, height = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups()
    return int(width), int(height)


def test_it_is_one_image_with_a_title_and_a_description():
    svg = _draw([KREFELD, VENLO], title="Map of the partnership", description="Two members.")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert 'aria-labelledby="map-title map-desc"' in svg
    assert '<title id="map-title">Map of the partnership</title>' in svg
    assert '<desc id="map-desc">Two members.</desc>' in svg


def test_every_text_is_escaped():
    evil = Place(9, '<script>alert("x")</script> & Co', 50.0, 10.0)
    svg = _draw([evil, KREFELD], [Tie(9, 1, "<b>tie</b>")], title="<i>t</i>", description="a & b")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "a &amp; b" in svg


def test_every_place_lies_inside_the_picture():
    for places in ([KREFELD, VENLO], [KREFELD, VENLO, KROPYVNYTSKYI], [CAJAMARCA]):
        svg = _draw(places)
        width, height = _size(svg)
        points = _points(svg)
        assert set(points) == {place.name for place in places}
        assert all(0 < x < width and 0 < y < height for x, y in points.values()), places
        assert 'class="inset"' not in svg


def test_a_place_far_beyond_europe_is_shown_in_an_inset_and_europe_keeps_its_size():
    svg = draw_map(
        [KREFELD, VENLO, TREPTOW, CAJAMARCA],
        [Tie(4, 5, "Treptow-Köpenick – Cajamarca")],
        map_id="map",
        title="t",
        description="d",
        empty_text="",
        inset_caption="All of them, beyond Europe too",
    )
    main = _points(svg)
    assert set(main) == {"Krefeld", "Venlo", "Treptow-Köpenick"}
    assert main["Treptow-Köpenick"][0] - main["Krefeld"][0] > 300, "Europe fills the main map"
    inset = _points(svg, "inset-place")
    assert set(inset) == {"Krefeld", "Venlo", "Treptow-Köpenick", "Cajamarca"}
    assert inset["Cajamarca"][0] < inset["Krefeld"][0]
    assert "All of them, beyond Europe too</text>" in svg
    assert 'clip-path="url(#map-main)"' in svg, "the tie to Cajamarca leaves the main map cut"


def test_two_neighbouring_towns_stay_apart_and_both_are_named():
    svg = _draw([KREFELD, VENLO], [Tie(1, 2, "Krefeld – Venlo")])
    points = _points(svg)
    assert abs(points["Krefeld"][0] - points["Venlo"][0]) > 10
    assert ">Krefeld</text>" in svg
    assert ">Venlo</text>" in svg


def test_guests_are_hollow_and_ties_not_active_are_dashed():
    guest = Place(6, "Markaryd", 56.4607, 13.596, member=False)
    svg = _draw([KREFELD, guest], [Tie(1, 6, "suspended", active=False)])
    assert '<circle class="place guest" data-name="Markaryd"' in svg
    assert 'fill="#ffffff" stroke="#9c3d10"' in svg
    assert 'stroke-dasharray="6 4"' in svg


def test_a_tie_to_a_place_without_coordinates_is_left_out():
    svg = _draw([KREFELD], [Tie(1, 42, "to nowhere")])
    assert 'class="tie"' not in svg


def test_nothing_to_draw_says_so():
    svg = _draw([])
    assert ">Nothing to draw.</text>" in svg
    assert 'role="img"' in svg
