"""Why a need and an offer fit, as structured data: codes with parameters, turned into words in
the reader's language by matching.reasons_text."""

from matching.engine.index import country_code
from matching.engine.scoring import Signals
from needs.models import Need
from postings.models import Posting

TEXT_REASON_MINIMUM = 0.5
CLOSE_KM = 1500


def reasons_for(posting: Posting, found: Signals, row: int) -> list[dict]:
    reasons: list[dict] = []
    if found.topic[row] == 1.0:
        reasons.append({"code": "same_topic", "topic": posting.topic.slug})
    elif found.same_sector[row]:
        reasons.append({"code": "same_sector", "sector": posting.sector.slug})
    if found.text[row] >= TEXT_REASON_MINIMUM:
        reasons.append({"code": "similar_text", "similarity": round(float(found.cosine[row]), 2)})
    if found.kind[row] == 1.0:
        reasons.append({"code": "same_kind", "kind": posting.help_kind.slug})
    elif found.kind[row] > 0:
        reasons.append({"code": "compatible_kind"})
    need_open = posting.quantity_open if isinstance(posting, Need) else None
    about_the_same_thing = found.topic[row] == 1.0 or found.text[row] >= TEXT_REASON_MINIMUM
    if about_the_same_thing and found.quantity[row] not in (0, 0.5) and need_open is not None:
        reasons.append(
            {
                "code": "quantity",
                "covered": round(float(found.quantity[row]) * float(need_open)),
                "of": float(need_open),
                "unit": posting.unit,
            }
        )
    if found.language[row]:
        reasons.append({"code": "shared_language"})
    if found.partners_since[row]:
        reasons.append({"code": "partners", "since": int(found.partners_since[row])})
    distance = found.distance_km[row]
    if distance == distance and distance <= CLOSE_KM:  # not NaN
        reasons.append({"code": "distance", "km": int(round(float(distance), -1))})
    elif distance != distance and found.shared_country[row]:
        reasons.append({"code": "same_country", "country": country_code(found.shared_country[row])})
    return reasons
