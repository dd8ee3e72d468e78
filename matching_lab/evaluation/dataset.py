"""Reading a labelled matching set from JSON, checking every field before anything touches a
database.

The format (see issue 4): ``{"municipalities": [{"key", "name", "country", "lat", "lon",
"population"}], "needs": [{"key", "municipality", "language", "title", "description", "sector",
"topic", "help_kind", "quantity", "unit", "needed_by"}], "offers": [same fields],
"relevant": {"<need key>": ["<offer key>", ...]}}``. Topic, quantity, unit and dates may be
null; an offer's date (``needed_by``, or ``available_until``) is the day it is available until.
A need missing from ``relevant``, or with an empty list, has no relevant offer. Other keys
(such as ``_note``) are ignored.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django_countries import countries

from postings.taxonomy_data import HELP_KINDS, SECTORS, TOPICS

MUNICIPALITY_KEYS = ("key", "name", "country", "lat", "lon", "population")
POSTING_KEYS = (
    "key", "municipality", "language", "title", "description", "sector", "topic", "help_kind",
    "quantity", "unit",
)  # fmt: skip
TITLE_MAX_LENGTH = 200
UNIT_MAX_LENGTH = 50
MAX_QUANTITY = 10**10  # the column holds 12 digits, 2 after the point

SECTOR_SLUGS = frozenset(slug for slug, _texts in SECTORS)
TOPIC_SECTORS = {topic: sector for sector, topics in TOPICS.items() for topic, _texts in topics}
HELP_KIND_SLUGS = frozenset(slug for slug, _texts in HELP_KINDS)
LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


class DatasetError(CommandError):
    """The file cannot be evaluated; the message says where and why."""


@dataclass(frozen=True)
class MunicipalityRow:
    key: str
    name: str
    country: str
    latitude: float | None
    longitude: float | None
    population: int | None


@dataclass(frozen=True)
class PostingRow:
    key: str
    municipality: str
    language: str
    title: str
    description: str
    sector: str
    topic: str | None
    help_kind: str
    quantity: Decimal | None
    unit: str
    day: date | None  # needed by (need) / available until (offer)


@dataclass(frozen=True)
class LabelledSet:
    municipalities: list[MunicipalityRow]
    needs: list[PostingRow]
    offers: list[PostingRow]
    relevant: dict[str, frozenset[str]]  # every need key, possibly with no offer

    def languages_of(self, municipality: str) -> list[str]:
        """The languages its postings are written in, and English."""
        written = {
            p.language for p in [*self.needs, *self.offers] if p.municipality == municipality
        }
        return sorted(written | {"en"}, key=lambda code: (code != "en", code))


def read_labelled_set(path: str | Path) -> LabelledSet:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(f"{path}: cannot be read ({error}).") from None
    except json.JSONDecodeError as error:
        raise DatasetError(f"{path}: not valid JSON ({error}).") from None
    return parse_labelled_set(data)


def parse_labelled_set(data: Any) -> LabelledSet:
    if not isinstance(data, dict):
        raise DatasetError("The file must hold one JSON object.")
    _require(data, ("municipalities", "needs", "offers", "relevant"), "The file")
    municipalities = [
        _municipality(item, f"municipalities[{n}]")
        for n, item in enumerate(_list(data, "municipalities"))
    ]
    municipality_keys = _unique([m.key for m in municipalities], "municipality")
    needs = [
        _posting(item, f"needs[{n}]", municipality_keys, "needed_by")
        for n, item in enumerate(_list(data, "needs"))
    ]
    offers = [
        _posting(item, f"offers[{n}]", municipality_keys, "available_until")
        for n, item in enumerate(_list(data, "offers"))
    ]
    need_keys = _unique([p.key for p in needs], "need")
    offer_keys = _unique([p.key for p in offers], "offer")
    if not needs or not offers:
        raise DatasetError("The file needs at least one need and one offer.")
    relevant = _relevant(data["relevant"], need_keys, offer_keys)
    return LabelledSet(municipalities, needs, offers, relevant)


def _require(item: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if key not in item]
    if missing:
        raise DatasetError(f"{where}: missing {', '.join(repr(key) for key in missing)}.")


def _list(data: dict, key: str) -> list:
    if not isinstance(data[key], list):
        raise DatasetError(f"{key!r} must be a list.")
    return data[key]


def _unique(keys: list[str], what: str) -> frozenset[str]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise DatasetError(f"Two {what}s have the key {key!r}.")
        seen.add(key)
    return frozenset(seen)


def _text(item: dict, key: str, where: str, *, optional: bool = False) -> str:
    value = item[key]
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise DatasetError(f"{where}: {key!r} must be a non-empty string.")
    return value.strip()


def _number(item: dict, key: str, where: str, low: float, high: float) -> float | None:
    value = item[key]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise DatasetError(f"{where}: {key!r} must be a number from {low} to {high}, or null.")
    return float(value)


def _municipality(item: Any, where: str) -> MunicipalityRow:
    if not isinstance(item, dict):
        raise DatasetError(f"{where}: must be an object.")
    _require(item, MUNICIPALITY_KEYS, where)
    where = f"{where} ({item['key']})"
    country = _text(item, "country", where).upper()
    if not countries.alpha2(country):
        raise DatasetError(f"{where}: unknown country {item['country']!r}.")
    population = item["population"]
    if population is not None and (
        isinstance(population, bool) or not isinstance(population, int) or population < 0
    ):
        raise DatasetError(f"{where}: 'population' must be a whole number or null.")
    return MunicipalityRow(
        key=_text(item, "key", where),
        name=_text(item, "name", where),
        country=country,
        latitude=_number(item, "lat", where, -90, 90),
        longitude=_number(item, "lon", where, -180, 180),
        population=population,
    )


def _posting(item: Any, where: str, municipalities: frozenset[str], date_alias: str) -> PostingRow:
    if not isinstance(item, dict):
        raise DatasetError(f"{where}: must be an object.")
    date_key = date_alias if date_alias in item else "needed_by"
    _require(item, (*POSTING_KEYS, date_key), where)
    where = f"{where} ({item['key']})"
    key = _text(item, "key", where)
    checks = (
        ("municipality", municipalities, "unknown municipality"),
        ("language", LANGUAGES, "unsupported language"),
        ("sector", SECTOR_SLUGS, "unknown sector"),
        ("help_kind", HELP_KIND_SLUGS, "unknown kind of help"),
    )
    for field, known, problem in checks:
        if not isinstance(item[field], str) or item[field] not in known:
            raise DatasetError(f"{where}: {problem} {item[field]!r}.")
    topic = item["topic"]
    if topic is not None and (not isinstance(topic, str) or topic not in TOPIC_SECTORS):
        raise DatasetError(f"{where}: unknown topic {topic!r}.")
    if topic is not None and TOPIC_SECTORS[topic] != item["sector"]:
        raise DatasetError(f"{where}: topic {topic!r} is not in sector {item['sector']!r}.")
    title = _text(item, "title", where)
    if len(title) > TITLE_MAX_LENGTH:
        raise DatasetError(f"{where}: the title is longer than {TITLE_MAX_LENGTH} characters.")
    unit = _text(item, "unit", where, optional=True)
    if len(unit) > UNIT_MAX_LENGTH:
        raise DatasetError(f"{where}: the unit is longer than {UNIT_MAX_LENGTH} characters.")
    return PostingRow(
        key=key,
        municipality=item["municipality"],
        language=item["language"],
        title=title,
        description=_text(item, "description", where),
        sector=item["sector"],
        topic=topic,
        help_kind=item["help_kind"],
        quantity=_quantity(item["quantity"], where),
        unit=unit,
        day=_day(item[date_key], date_key, where),
    )


def _quantity(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0.01 <= value < MAX_QUANTITY
    ):
        raise DatasetError(f"{where}: 'quantity' must be a positive number or null.")
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _day(value: Any, key: str, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DatasetError(f"{where}: {key!r} must be a date (YYYY-MM-DD) or null.") from None


def _relevant(
    relevant: Any, needs: frozenset[str], offers: frozenset[str]
) -> dict[str, frozenset[str]]:
    if not isinstance(relevant, dict):
        raise DatasetError("'relevant' must be an object: need key → list of offer keys.")
    result = dict.fromkeys(needs, frozenset())
    for need, listed in relevant.items():
        if need not in needs:
            raise DatasetError(f"relevant: unknown need {need!r}.")
        if not isinstance(listed, list):
            raise DatasetError(f"relevant[{need!r}] must be a list of offer keys.")
        unknown = [offer for offer in listed if not isinstance(offer, str) or offer not in offers]
        if unknown:
            raise DatasetError(f"relevant[{need!r}]: unknown offer {unknown[0]!r}.")
        result[need] = frozenset(listed)
    return result
