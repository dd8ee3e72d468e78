"""Why a need and an offer fit, as structured data: a code with its parameters, turned into
words in the reader's language by matching.reasons_text (one formatter per code)."""

from enum import StrEnum

from matching.engine.index import country_code
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


def reasons_for(posting: Posting, found: Signals, row: int) -> list[dict]:
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
    need_open = posting.quantity_open if Side.of(posting) is Side.NEED else None
    about_the_same_thing = found.topic[row] == 1.0 or found.text[row] >= TEXT_REASON_MINIMUM
    if about_the_same_thing and found.quantity[row] not in (0, 0.5) and need_open is not None:
        reasons.append(
            {
                "code": Reason.QUANTITY,
                "covered": round(float(found.quantity[row]) * float(need_open)),
                "of": float(need_open),
                "unit": posting.unit,
            }
        )
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
