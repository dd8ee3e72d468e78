"""Why a need and an offer fit, and what does not fit, as structured data: a code with its
parameters, turned into words in the reader's language by matching.reasons_text (one formatter
per code). The misfits are the gates of engine.announce that the pair fails: they say why a
pair is only a possible match."""

from datetime import date
from enum import StrEnum

import numpy as np

from matching.engine import announce
from matching.engine.index import NO_DATE, country_code
from matching.engine.scoring import Signals
from matching.sides import Side
from postings.models import Posting

TEXT_REASON_MINIMUM = 0.5
CLOSE_KM = 1500


class Reason(StrEnum):
    """The codes stored in Match.reasons; stable, since stored rows and API clients use them."""

    SAME_TOPIC = "same_topic"  # topic: slug
    SAME_SECTOR = "same_sector"  # sector: slug
    SIMILAR_TEXT = "similar_text"  # similarity: cosine
    SAME_KIND = "same_kind"  # kind: slug
    COMPATIBLE_KIND = "compatible_kind"
    QUANTITY = "quantity"  # covered, of, unit
    SHARED_LANGUAGE = "shared_language"
    PARTNERS = "partners"  # since: year
    DISTANCE = "distance"  # km
    SAME_COUNTRY = "same_country"  # country: ISO code
    # What does not fit (MISFITS):
    OTHER_ITEM = "other_item"  # the descriptions are about different things
    OTHER_KIND = "other_kind"  # offered: kind slug, needed: kind slug
    TOO_LITTLE = "too_little"  # covered, of, unit (the need's, or null: the need's own)
    ENDS_TOO_EARLY = "ends_too_early"  # until, needed_by: ISO dates


MISFITS = frozenset(
    {Reason.OTHER_ITEM, Reason.OTHER_KIND, Reason.TOO_LITTLE, Reason.ENDS_TOO_EARLY}
)


def reasons_for(posting: Posting, found: Signals, row: int) -> list[dict]:
    """What fits, then what does not."""
    return _fits(posting, found, row) + misfits_for(posting, found, row)


def _fits(posting: Posting, found: Signals, row: int) -> list[dict]:
    reasons: list[dict] = []
    if found.topic[row] == 1.0:
        reasons.append({"code": Reason.SAME_TOPIC, "topic": posting.topic.slug})
    elif found.same_sector[row]:
        reasons.append({"code": Reason.SAME_SECTOR, "sector": posting.sector.slug})
    if found.text[row] >= TEXT_REASON_MINIMUM:
        similarity = round(float(found.cosine[row]), 2)
        reasons.append({"code": Reason.SIMILAR_TEXT, "similarity": similarity})
    if found.kind[row] == 1.0:
        reasons.append({"code": Reason.SAME_KIND, "kind": posting.help_kind.slug})
    elif found.kind[row] > 0:
        reasons.append({"code": Reason.COMPATIBLE_KIND})
    share = float(announce.coverage(found)[row])
    about_the_same_thing = found.topic[row] == 1.0 or found.text[row] >= TEXT_REASON_MINIMUM
    if about_the_same_thing and share >= announce.QUANTITY_EVIDENCE:
        reasons.append(_quantity(Reason.QUANTITY, posting, found, row, min(share, 1.0)))
    if found.language[row]:
        reasons.append({"code": Reason.SHARED_LANGUAGE})
    if found.partners_since[row]:
        reasons.append({"code": Reason.PARTNERS, "since": int(found.partners_since[row])})
    distance = found.distance_km[row]
    if distance == distance and distance <= CLOSE_KM:  # not NaN
        reasons.append({"code": Reason.DISTANCE, "km": int(round(float(distance), -1))})
    elif distance != distance and found.shared_country[row]:
        country = country_code(found.shared_country[row])
        reasons.append({"code": Reason.SAME_COUNTRY, "country": country})
    return reasons


def _quantity(code: Reason, posting: Posting, found: Signals, row: int, share: float) -> dict:
    need_open = float(found.need_open[row])
    return {
        "code": code,
        "covered": round(share * need_open),
        "of": need_open,
        # The need's unit; null when explained from the offer's side (the reader sees the need).
        "unit": posting.unit if Side.of(posting) is Side.NEED else None,
    }


def _day(number: np.integer) -> str:
    return date.fromordinal(int(number)).isoformat()


def misfits_for(posting: Posting, found: Signals, row: int) -> list[dict]:
    """The gates of engine.announce the pair fails, each as a reason."""
    failed = {gate: bool(where[row]) for gate, where in announce.misfits(found).items()}
    reasons: list[dict] = []
    if failed["item"]:
        reasons.append({"code": Reason.OTHER_ITEM})
    if failed["kind"]:
        reasons.append(
            {
                "code": Reason.OTHER_KIND,
                "offered": found.kind_slugs.get(int(found.offer_kind[row]), ""),
                "needed": found.kind_slugs.get(int(found.need_kind[row]), ""),
            }
        )
    if failed["quantity"]:
        share = float(announce.coverage(found)[row])
        reasons.append(_quantity(Reason.TOO_LITTLE, posting, found, row, share))
    if failed["date"] and found.offer_day[row] != NO_DATE:
        reasons.append(
            {
                "code": Reason.ENDS_TOO_EARLY,
                "until": _day(found.offer_day[row]),
                "needed_by": _day(found.need_day[row]),
            }
        )
    return reasons
