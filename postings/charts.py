"""Bar charts as inline SVG, drawn on the server: no JavaScript, no dependencies.

Every text drawn is escaped here, so callers may mark the result safe. Charts are images to
assistive technology (`role="img"` with a title and a description); pages put the same numbers
in a table next to them. Series differ by pattern as well as by colour (solid, hatched), and
every bar has its value printed, so nothing depends on telling colours apart.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

Rows = Sequence[tuple[str, Mapping[str, int]]]
Number = Callable[[int], str]

FONT_SIZE = 14
SMALL_FONT_SIZE = 12
LINE_HEIGHT = 16
# Average advance of a character at FONT_SIZE in a sans-serif face, to size label columns.
CHAR_WIDTH = 8.0
TEXT_COLOUR = "#1b1b1b"
AXIS_COLOUR = "#6b6b6b"
# Both at least 4.5:1 against white, so the bars stand out as well as the text.
COLOURS = ("#1f5a96", "#9c3d10", "#2f6b2f", "#5b3f8c")
PAD = 8
LEGEND_HEIGHT = 28
SWATCH = 16
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14
MAX_LABEL_WIDTH_SHARE = 0.4


@dataclass(frozen=True)
class Series:
    """One kind of bar: `key` in the rows' mappings, `label` for the legend."""

    key: str
    label: str
    style: Literal["solid", "hatched"] = "solid"
    colour: str = ""


def horizontal_bars(
    rows: Rows,
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    description: str,
    empty_text: str,
    number: Number = str,
    width: int = 720,
) -> str:
    """Grouped horizontal bars: one group per row (label on the left), one bar per series."""
    chart_id = _safe_id(chart_id)
    series = _coloured(series)
    peak = _peak(rows, series)
    if peak == 0:
        return _empty(chart_id, title, description, empty_text, width)
    longest = max(len(label) for label, _values in rows)
    label_width = min(longest * CHAR_WIDTH + 2 * PAD, width * MAX_LABEL_WIDTH_SHARE)
    value_width = _widest_value(rows, series, number) * CHAR_WIDTH + 2 * PAD
    plot_x = PAD + label_width
    plot_width = width - plot_x - value_width - PAD
    group_height = len(series) * BAR_HEIGHT + (len(series) - 1) * BAR_GAP
    height = LEGEND_HEIGHT + PAD + len(rows) * (group_height + GROUP_GAP) + PAD
    parts = [_legend(chart_id, series)]
    y = LEGEND_HEIGHT + PAD
    for label, values in rows:
        middle = y + group_height / 2
        lines = _wrap(label, label_width - 2 * PAD)
        for line, text in enumerate(lines):
            offset = (line - (len(lines) - 1) / 2) * LINE_HEIGHT
            parts.append(_text(plot_x - PAD, middle + offset, text, anchor="end", full=label))
        for index, item in enumerate(series):
            value = values.get(item.key, 0)
            bar_y = y + index * (BAR_HEIGHT + BAR_GAP)
            length = plot_width * value / peak
            parts.append(_bar(chart_id, index, item, plot_x, bar_y, length, BAR_HEIGHT, value))
            parts.append(
                _text(plot_x + length + PAD / 2, bar_y + BAR_HEIGHT / 2, number(value), size=13)
            )
        y += group_height + GROUP_GAP
    parts.append(_line(plot_x, LEGEND_HEIGHT, plot_x, height - PAD))
    return _svg(chart_id, title, description, width, height, series, parts)


def column_chart(
    columns: Rows,
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    description: str,
    empty_text: str,
    number: Number = str,
    width: int = 720,
    plot_height: int = 200,
) -> str:
    """Grouped vertical columns, e.g. one group per month; a label may hold one line break."""
    chart_id = _safe_id(chart_id)
    series = _coloured(series)
    peak = _peak(columns, series)
    if peak == 0:
        return _empty(chart_id, title, description, empty_text, width)
    plot_top = LEGEND_HEIGHT + PAD + SMALL_FONT_SIZE + PAD
    baseline = plot_top + plot_height
    height = baseline + PAD + 2 * (SMALL_FONT_SIZE + 4) + PAD
    group_width = (width - 2 * PAD) / len(columns)
    column_width = min(28.0, (group_width - 2 * PAD) / len(series))
    parts = [_legend(chart_id, series)]
    for position, (label, values) in enumerate(columns):
        left = PAD + position * group_width
        first_x = left + (group_width - column_width * len(series)) / 2
        for index, item in enumerate(series):
            value = values.get(item.key, 0)
            length = plot_height * value / peak
            x = first_x + index * column_width
            parts.append(
                _bar(chart_id, index, item, x, baseline - length, column_width, length, value)
            )
            parts.append(
                _text(
                    x + column_width / 2,
                    baseline - length - PAD / 2 - SMALL_FONT_SIZE / 2,
                    number(value),
                    anchor="middle",
                    size=SMALL_FONT_SIZE,
                )
            )
        for line, text in enumerate(label.split("\n")[:2]):
            parts.append(
                _text(
                    left + group_width / 2,
                    baseline + PAD + SMALL_FONT_SIZE / 2 + line * (SMALL_FONT_SIZE + 4),
                    _clip(text, group_width - 2, CHAR_WIDTH * SMALL_FONT_SIZE / FONT_SIZE),
                    anchor="middle",
                    size=SMALL_FONT_SIZE,
                    full=text,
                )
            )
    parts.append(_line(PAD, baseline, width - PAD, baseline))
    return _svg(chart_id, title, description, width, height, series, parts)


def _peak(rows: Rows, series: Sequence[Series]) -> int:
    return max((values.get(item.key, 0) for _label, values in rows for item in series), default=0)


def _widest_value(rows: Rows, series: Sequence[Series], number: Number) -> int:
    return max(len(number(values.get(item.key, 0))) for _label, values in rows for item in series)


def _safe_id(chart_id: str) -> str:
    """Pattern ids are global to the page, hence a per-chart prefix; keep it a plain name."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", chart_id) or "chart"


def _coloured(series: Sequence[Series]) -> list[Series]:
    return [
        item
        if item.colour
        else Series(item.key, item.label, item.style, COLOURS[index % len(COLOURS)])
        for index, item in enumerate(series)
    ]


def _fmt(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _clip(text: str, room: float, char_width: float = CHAR_WIDTH) -> str:
    """Shorten a label that would not fit; the full text stays in its tooltip and the table."""
    fits = max(int(room // char_width), 1)
    return text if len(text) <= fits else text[: max(fits - 1, 1)].rstrip() + "…"


def _wrap(text: str, room: float, lines: int = 2) -> list[str]:
    """Break a long label between words into at most `lines` lines, clipping the last."""
    fits = max(int(room // CHAR_WIDTH), 1)
    result: list[str] = []
    words = text.split()
    while words and len(result) < lines - 1:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= fits:
            line += " " + words.pop(0)
        result.append(line)
    if words:
        result.append(" ".join(words))
    return [_clip(line, room) for line in result] or [""]


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = FONT_SIZE,
    full: str | None = None,
) -> str:
    tooltip = f"<title>{escape(full)}</title>" if full is not None and full != text else ""
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" dominant-baseline="central"'
        f' font-size="{size}">{tooltip}{escape(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}"'
        f' stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )


def _fill(chart_id: str, index: int, item: Series) -> str:
    return f"url(#{chart_id}-hatch-{index})" if item.style == "hatched" else item.colour


def _bar(
    chart_id: str,
    index: int,
    item: Series,
    x: float,
    y: float,
    width: float,
    height: float,
    value: int,
) -> str:
    return (
        f'<rect class="bar" data-series="{escape(item.key)}" data-value="{value}"'
        f' x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(width)}" height="{_fmt(height)}"'
        f' fill="{_fill(chart_id, index, item)}" stroke="{item.colour}" stroke-width="1.5">'
        f"<title>{escape(item.label)}: {value}</title></rect>"
    )


def _patterns(chart_id: str, series: Sequence[Series]) -> str:
    patterns = [
        f'<pattern id="{chart_id}-hatch-{index}" patternUnits="userSpaceOnUse" width="6"'
        f' height="6" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{item.colour}" stroke-width="3"/></pattern>'
        for index, item in enumerate(series)
        if item.style == "hatched"
    ]
    return f"<defs>{''.join(patterns)}</defs>" if patterns else ""


def _legend(chart_id: str, series: Sequence[Series]) -> str:
    parts = []
    x = float(PAD)
    for index, item in enumerate(series):
        parts.append(
            f'<rect x="{_fmt(x)}" y="{PAD}" width="{SWATCH}" height="{SWATCH}"'
            f' fill="{_fill(chart_id, index, item)}" stroke="{item.colour}" stroke-width="1.5"/>'
        )
        parts.append(_text(x + SWATCH + PAD / 2, PAD + SWATCH / 2, item.label))
        x += SWATCH + PAD + len(item.label) * CHAR_WIDTH + 3 * PAD
    return f'<g class="legend">{"".join(parts)}</g>'


def _svg(
    chart_id: str,
    title: str,
    description: str,
    width: int,
    height: float,
    series: Sequence[Series],
    parts: list[str],
) -> str:
    height = round(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" id="{chart_id}"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}"'
        f" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""
        f' fill="{TEXT_COLOUR}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{_patterns(chart_id, series)}"
        # A light background of its own keeps the chart readable in a dark colour scheme.
        f'<rect width="{width}" height="{height}" fill="#ffffff" rx="4"/>'
        f"{''.join(parts)}</svg>"
    )


def _empty(chart_id: str, title: str, description: str, empty_text: str, width: int) -> str:
    height = 80
    text = _text(width / 2, height / 2, empty_text, anchor="middle")
    return _svg(chart_id, title, description, width, height, [], [text])
