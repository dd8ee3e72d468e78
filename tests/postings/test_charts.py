"""The SVG charts: escaped text, proportional bars, an empty state, accessible markup."""

import re
from xml.etree import ElementTree

import pytest

from postings.charts import Series, column_chart, horizontal_bars

SVG = "{http://www.w3.org/2000/svg}"
SERIES = [Series("needs", "Needs"), Series("offers", "Offers", "hatched")]


def _draw(rows, draw=horizontal_bars, **kwargs) -> str:
    return draw(
        rows,
        SERIES,
        chart_id="chart-test",
        title="Open needs by sector",
        description="The table below shows the same numbers.",
        empty_text="Nothing to show yet.",
        **kwargs,
    )


def _bars(svg: str) -> dict[tuple[str, int], float]:
    """{(series, value): drawn length} for every bar."""
    root = ElementTree.fromstring(svg)
    return {
        (bar.get("data-series"), int(bar.get("data-value"))): float(bar.get("width"))
        for bar in root.iter(f"{SVG}rect")
        if bar.get("class") == "bar"
    }


def test_the_chart_is_well_formed_and_announced_as_an_image():
    svg = _draw([("Health", {"needs": 3, "offers": 1})])
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-test-title chart-test-desc"
    assert root.find(f"{SVG}title").text == "Open needs by sector"
    assert root.find(f"{SVG}desc").text == "The table below shows the same numbers."


def test_it_escapes_labels_titles_and_series_names():
    evil = '<script>alert("x")</script> & Co'
    svg = horizontal_bars(
        [(evil, {"needs": 2})],
        [Series("needs", "<b>Needs</b>")],
        chart_id='x"><script>',
        title="<i>title</i>",
        description="a & b",
        empty_text="",
    )
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "&lt;script&gt;" in svg
    root = ElementTree.fromstring(svg)
    assert re.fullmatch(r"[\w-]+", root.get("id"))
    texts = "".join(root.itertext())
    assert '<script>alert("x")</script>' in texts


def test_bar_lengths_are_proportional_to_the_values():
    svg = _draw([("Health", {"needs": 8, "offers": 2}), ("Water", {"needs": 4, "offers": 0})])
    bars = _bars(svg)
    assert bars[("needs", 8)] > 0
    assert bars[("needs", 4)] == pytest.approx(bars[("needs", 8)] / 2, abs=0.1)
    assert bars[("offers", 2)] == pytest.approx(bars[("needs", 8)] / 4, abs=0.1)
    assert bars[("offers", 0)] == 0


def test_columns_heights_are_proportional_to_the_values():
    svg = _draw([("Jan", {"needs": 6, "offers": 3}), ("Feb", {"needs": 2})], draw=column_chart)
    root = ElementTree.fromstring(svg)
    heights = {
        (bar.get("data-series"), int(bar.get("data-value"))): float(bar.get("height"))
        for bar in root.iter(f"{SVG}rect")
        if bar.get("class") == "bar"
    }
    assert heights[("needs", 6)] == pytest.approx(2 * heights[("offers", 3)], abs=0.2)
    assert heights[("needs", 6)] == pytest.approx(3 * heights[("needs", 2)], abs=0.2)
    assert heights[("offers", 0)] == 0


def test_every_value_is_printed():
    svg = _draw([("Health", {"needs": 17, "offers": 5})])
    texts = [text.text for text in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert "17" in texts
    assert "5" in texts


def test_values_are_formatted_by_the_given_function():
    svg = _draw([("Health", {"needs": 1234})], number=lambda value: f"{value:,}")
    assert ">1,234<" in svg


def test_series_differ_by_pattern_not_only_by_colour():
    svg = _draw([("Health", {"needs": 1, "offers": 1})])
    root = ElementTree.fromstring(svg)
    assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == "chart-test-hatch-1"
    fills = {
        bar.get("data-series"): bar.get("fill")
        for bar in root.iter(f"{SVG}rect")
        if bar.get("class") == "bar"
    }
    assert fills["offers"] == "url(#chart-test-hatch-1)"
    assert fills["needs"].startswith("#")
    legend = "".join(root.find(f"{SVG}g").itertext())
    assert "Needs" in legend
    assert "Offers" in legend


def test_no_data_draws_an_empty_state_instead_of_dividing_by_zero():
    for rows in ([], [("Health", {"needs": 0, "offers": 0})]):
        for draw in (horizontal_bars, column_chart):
            svg = _draw(rows, draw=draw)
            root = ElementTree.fromstring(svg)
            assert root.get("role") == "img"
            assert "Nothing to show yet." in "".join(root.itertext())
            assert _bars(svg) == {}


def test_long_labels_wrap_onto_two_lines_and_keep_the_full_text_as_a_tooltip():
    label = "Public administration and digitalisation of municipal services in the region"
    svg = _draw([(label, {"needs": 1})], width=400)
    root = ElementTree.fromstring(svg)
    lines = [text for text in root.iter(f"{SVG}text") if text.get("text-anchor") == "end"]
    assert len(lines) == 2
    assert all(line.find(f"{SVG}title").text == label for line in lines)


def test_month_labels_may_break_into_two_lines():
    svg = _draw([("Mar\n2025", {"needs": 1})], draw=column_chart)
    texts = [text.text for text in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert "Mar" in texts
    assert "2025" in texts
