"""Open postings of one side (needs or offers) as columns of numpy arrays, for scoring a
posting against all of them at once instead of in a Python loop."""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import F

from core.embedding import DIMENSIONS, from_bytes
from municipalities.languages import WORKING_LANGUAGE_CODES
from postings.models import Posting
from postings.selectors import matchable

LANGUAGE_BITS = {code: 1 << bit for bit, code in enumerate(WORKING_LANGUAGE_CODES)}
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
    vectors: np.ndarray  # of the whole texts, one row per posting
    title_vectors: np.ndarray
    # Units repeat ("шт.", "Betten"): their vectors are a table of the distinct ones, row 0
    # zeros (no unit), and each posting has its row of it.
    unit_table: np.ndarray
    unit_row: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def build_index(model: type[Posting]) -> PostingIndex:
    """One query; postings not embedded yet get zero vectors (no text similarity)."""
    rows = list(
        matchable(model)
        .annotate(day=F(model.date_field_name))
        .values_list(
            "pk",
            "sector_id",
            "topic_id",
            "help_kind_id",
            "quantity",
            "quantity_covered",
            "municipality_id",
            "municipality__latitude",
            "municipality__longitude",
            "municipality__country",
            "municipality__languages",
            "embedding__vector",
            "embedding__title_vector",
            "embedding__unit_vector",
            "day",
            named=True,
        )
        .order_by("pk")
    )

    def vectors(name: str) -> np.ndarray:
        stored = np.zeros((len(rows), DIMENSIONS), dtype=np.float32)
        for number, row in enumerate(rows):
            if getattr(row, name) is not None:
                stored[number] = from_bytes(getattr(row, name))
        return stored

    def column(name: str, dtype, convert=lambda value: value, default=0) -> np.ndarray:
        values = (getattr(row, name) for row in rows)
        return np.array(
            [default if value is None else convert(value) for value in values], dtype=dtype
        )

    return PostingIndex(
        ids=column("pk", np.int64),
        sector=column("sector_id", np.int64),
        topic=column("topic_id", np.int64),
        kind=column("help_kind_id", np.int64),
        quantity_open=np.array(
            [
                np.nan if row.quantity is None else float(row.quantity - row.quantity_covered)
                for row in rows
            ],
            dtype=np.float64,
        ),
        day=column("day", np.int64, day_number, NO_DATE),
        latitude=column("municipality__latitude", np.float64, float, np.nan),
        longitude=column("municipality__longitude", np.float64, float, np.nan),
        country=column("municipality__country", np.int64, country_number),
        municipality=column("municipality_id", np.int64),
        languages=column("municipality__languages", np.int64, language_mask),
        vectors=vectors("embedding__vector"),
        title_vectors=vectors("embedding__title_vector"),
        **_units([row.embedding__unit_vector for row in rows]),
    )


def _units(stored: list[bytes | None]) -> dict[str, np.ndarray]:
    """PostingIndex.unit_table and unit_row from each posting's stored unit vector."""
    rows: dict[bytes, int] = {}
    unit_row = np.array(
        [0 if blob is None else rows.setdefault(bytes(blob), len(rows) + 1) for blob in stored],
        dtype=np.int64,
    )
    unit_table = np.zeros((len(rows) + 1, DIMENSIONS), dtype=np.float32)
    for blob, row in rows.items():
        unit_table[row] = from_bytes(blob)
    return {"unit_table": unit_table, "unit_row": unit_row}
