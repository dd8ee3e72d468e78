"""Open postings of one side (needs or offers) as columns of numpy arrays, for scoring a
posting against all of them at once instead of in a Python loop."""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import QuerySet

from matching.engine.embedding import DIMENSIONS, from_bytes
from municipalities.models import Municipality
from postings.models import Posting

LANGUAGE_BITS = {code: 1 << bit for bit, code in enumerate(
    ["en", "de", "uk", "fr", "pl", "bg", "cs", "da", "el", "es", "et", "fi", "ga", "hr", "hu",
     "it", "ka", "lt", "lv", "nl", "nb", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr"]
)}  # fmt: skip
NO_DATE = -1


def language_mask(codes: list[str]) -> int:
    mask = 0
    for code in codes:
        mask |= LANGUAGE_BITS.get(code, 0)
    return mask


def country_number(code: str) -> int:
    """An ISO 3166 alpha-2 code as a number, for comparing countries in numpy."""
    return int.from_bytes(code.encode("ascii"), "big") if code else 0


def country_code(number: int) -> str:
    return int(number).to_bytes(2, "big").decode("ascii") if number else ""


def day_number(day: date | None) -> int:
    return day.toordinal() if day else NO_DATE


@dataclass
class PostingIndex:
    ids: np.ndarray
    sector: np.ndarray
    topic: np.ndarray
    kind: np.ndarray
    quantity_open: np.ndarray
    day: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    country: np.ndarray
    municipality: np.ndarray
    languages: np.ndarray
    vectors: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def matchable(model: type[Posting]) -> QuerySet[Posting]:
    """What takes part in matching: open, not hidden, of a verified municipality."""
    return model.objects.filter(
        status__in=Posting.OPEN_STATUSES,
        hidden_at__isnull=True,
        municipality__status=Municipality.Status.VERIFIED,
    )


def build_index(model: type[Posting]) -> PostingIndex:
    """One query; postings not embedded yet get a zero vector (no text similarity)."""
    rows = list(
        matchable(model).values_list(
            "pk", "sector_id", "topic_id", "help_kind_id", "quantity", "quantity_covered",
            model.date_field_name, "municipality__latitude", "municipality__longitude",
            "municipality_id", "municipality__languages", "embedding__vector",
            "municipality__country",
        ).order_by("pk")
    )  # fmt: skip
    count = len(rows)
    vectors = np.zeros((count, DIMENSIONS), dtype=np.float32)
    for row_number, row in enumerate(rows):
        if row[11] is not None:
            vectors[row_number] = from_bytes(row[11])

    def column(position: int, dtype, convert=lambda value: value, default=0):
        return np.array(
            [default if row[position] is None else convert(row[position]) for row in rows],
            dtype=dtype,
        )

    quantity = np.array(
        [np.nan if row[4] is None else float(row[4] - row[5]) for row in rows], dtype=np.float64
    )
    return PostingIndex(
        ids=column(0, np.int64),
        sector=column(1, np.int64),
        topic=column(2, np.int64),
        kind=column(3, np.int64),
        quantity_open=quantity,
        day=column(6, np.int64, day_number, NO_DATE),
        latitude=column(7, np.float64, float, np.nan),
        longitude=column(8, np.float64, float, np.nan),
        country=column(12, np.int64, country_number),
        municipality=column(9, np.int64),
        languages=column(10, np.int64, language_mask),
        vectors=vectors,
    )
