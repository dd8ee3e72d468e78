"""Needs and offers as CSV: one row per posting, stable column names, UTF-8 with a BOM so that
Excel opens Cyrillic and umlauts correctly."""

import csv
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import override

from core.languages import localized_field
from postings.models import Posting

BOM = "\ufeff"
CHUNK_SIZE = 500
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def header(model: type[Posting], language: str) -> list[str]:
    return [
        "id",
        "url",
        "title",
        localized_field("title", language),
        "municipality",
        "country",
        "sector",
        "topic",
        "help_kind",
        "quantity",
        "quantity_covered",
        "unit",
        model.date_field_name,
        "status",
        "original_language",
        "published_at",
    ]


def _plain(value) -> str:
    return "" if value is None else str(value)


def _text(value: str) -> str:
    """Text typed by people, defused so that Excel shows it instead of evaluating it."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def row(posting: Posting, language: str) -> list[str]:
    date = posting.date
    return [
        str(posting.uuid),
        settings.SITE_URL + posting.get_absolute_url(),
        _text(posting.text("title", posting.original_language)),
        _text(posting.text("title", language)),
        _text(posting.municipality.name),
        str(posting.municipality.country),
        posting.sector.slug,
        posting.topic.slug if posting.topic else "",
        posting.help_kind.slug,
        _plain(posting.quantity),
        _plain(posting.quantity_covered),
        _text(posting.unit),
        date.isoformat() if date else "",
        posting.status,
        posting.original_language,
        posting.published_at.isoformat() if posting.published_at else "",
    ]


def csv_lines(postings: QuerySet[Posting], language: str) -> Iterator[str]:
    """The BOM, the header and one line per posting; the rows are read in chunks, so the number
    of queries does not grow with the rows (the related objects come with `select_related`)."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header(postings.model, language))
    rows: Iterable[Posting] = postings.iterator(chunk_size=CHUNK_SIZE)
    for posting in rows:
        # Streamed after the view has returned: the reader's language is set here, not assumed.
        with override(language):
            line = writer.writerow(row(posting, language))
        yield line
