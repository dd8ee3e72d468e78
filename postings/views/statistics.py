"""Public statistics: open needs and offers by sector and by country, fulfilled ones per month.
Each as a chart drawn on the server and, for everyone who does not see it, the same numbers as
a table."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from postings import charts, selectors
from postings.models import Posting
from postings.registry import posting_models

TOP_COUNTRIES = 10
MONTHS = 12
STYLES = ("solid", "hatched")

# "Open needs" is not "open" + "needs" in every language; other models use their own name.
OPEN_LABELS = {"needs": gettext_lazy("Open needs"), "offers": gettext_lazy("Open offers")}

Rows = list[tuple[str, dict[str, int]]]


@dataclass(frozen=True)
class Chart:
    """A chart and the table under it, showing the same numbers."""

    id: str
    heading: str
    svg: SafeString
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[int]]]
    totals: list[int]


def _series(models: list[type[Posting]]) -> list[charts.Series]:
    return [
        charts.Series(
            model._meta.label_lower, capfirst(model._meta.verbose_name_plural), STYLES[index % 2]
        )
        for index, model in enumerate(models)
    ]


def _by_total(rows: Rows) -> Rows:
    return sorted(rows, key=lambda row: -sum(row[1].values()))


def _sector_rows(counts: dict[str, dict[str, int]]) -> Rows:
    """Sectors with open postings, most first; names in the reader's language."""
    wanted = set().union(*counts.values())
    rows = [
        (sector.name, {key: by_slug.get(sector.slug, 0) for key, by_slug in counts.items()})
        for sector in selectors.sectors_by_slug(wanted)
    ]
    return _by_total(rows)


def _country_rows(counts: dict[str, dict[str, int]]) -> Rows:
    """The countries with most open postings, the rest summed up as other countries."""
    codes = set().union(*counts.values())
    rows = [
        (
            countries.name(code) or code,
            {key: by_code.get(code, 0) for key, by_code in counts.items()},
        )
        for code in codes
    ]
    rows = _by_total(sorted(rows, key=lambda row: row[0]))
    if len(rows) <= TOP_COUNTRIES:
        return rows
    top, rest = rows[: TOP_COUNTRIES - 1], rows[TOP_COUNTRIES - 1 :]
    others = {key: sum(values[key] for _label, values in rest) for key in counts}
    return [*top, (_("Other countries (%(number)s)") % {"number": len(rest)}, others)]


def last_months(today: date, months: int = MONTHS) -> list[date]:
    """The first days of the last `months` months, oldest first, ending with today's."""
    firsts = []
    year, month = today.year, today.month
    for _step in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _month_rows(counts: dict[str, dict[date, int]], label: Callable[[date], str]) -> Rows:
    return [
        (label(month), {key: by_month.get(month, 0) for key, by_month in counts.items()})
        for month in last_months(timezone.localdate())
    ]


def _chart(
    chart_id: str,
    heading: str,
    row_header: str,
    rows: Rows,
    series: list[charts.Series],
    draw: Callable[..., str],
    chart_rows: Rows | None = None,
) -> Chart:
    svg = draw(
        chart_rows if chart_rows is not None else rows,
        series,
        chart_id=f"chart-{chart_id}",
        title=heading,
        description=_("A bar chart. The table below shows the same numbers."),
        empty_text=_("Nothing to show yet."),
        number=formats.number_format,
    )
    table = [(label, [values[item.key] for item in series]) for label, values in rows]
    return Chart(
        id=chart_id,
        heading=heading,
        # charts.py escapes every text it draws.
        svg=mark_safe(svg),  # noqa: S308
        row_header=row_header,
        columns=[item.label for item in series],
        rows=table,
        totals=[sum(row[1][index] for row in table) for index in range(len(series))],
    )


def statistics(request: HttpRequest) -> HttpResponse:
    models = posting_models()
    series = _series(models)
    keys = [item.key for item in series]

    def per_model(read: Callable) -> dict:
        return {key: read(model) for key, model in zip(keys, models, strict=True)}

    sectors = per_model(lambda model: selectors.open_counts_by(model, "sector__slug"))
    country_counts = per_model(
        lambda model: selectors.open_counts_by(model, "municipality__country")
    )
    fulfilled = per_model(selectors.fulfilled_by_month)
    months = _month_rows(fulfilled, lambda month: formats.date_format(month, "YEAR_MONTH_FORMAT"))
    month_columns = _month_rows(fulfilled, lambda month: formats.date_format(month, "M\nY"))
    context = {
        "open_totals": [
            (OPEN_LABELS.get(model._meta.app_label, item.label), sum(sectors[item.key].values()))
            for model, item in zip(models, series, strict=True)
        ],
        "charts": [
            _chart(
                "sectors",
                _("Open needs and offers by sector"),
                _("Sector"),
                _sector_rows(sectors),
                series,
                charts.horizontal_bars,
            ),
            _chart(
                "countries",
                _("Open needs and offers by country"),
                _("Country"),
                _country_rows(country_counts),
                series,
                charts.horizontal_bars,
            ),
            _chart(
                "fulfilled",
                _("Fulfilled needs and offers per month"),
                _("Month"),
                months,
                series,
                charts.column_chart,
                chart_rows=month_columns,
            ),
        ],
    }
    return render(request, "postings/statistics.html", context)
