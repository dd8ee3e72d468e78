"""The real matching pipeline on the loaded set: every posting embedded, every need matched,
the stored Match rows read back as the engine's ranking."""

from matching.engine import weights
from matching.engine.pipeline import ensure_embeddings, match_posting
from matching.models import Match
from matching_lab.evaluation.database import Loaded
from matching_lab.evaluation.metrics import Rankings
from needs.models import Need
from offers.models import Offer


def engine_rankings(loaded: Loaded) -> Rankings:
    needs = list(
        Need.objects.select_related("municipality", "sector", "topic", "help_kind").order_by("pk")
    )
    ensure_embeddings(needs)
    ensure_embeddings(list(Offer.objects.order_by("pk")))
    for need in needs:
        match_posting(need)
    need_keys, offer_keys = loaded.need_keys, loaded.offer_keys
    rankings = Rankings(ranked={key: [] for key in loaded.need_pks})
    stored = Match.objects.filter(status=Match.Status.SUGGESTED).order_by(
        "need_id", "-score", "offer_id"
    )
    for need_id, offer_id, score in stored.values_list("need_id", "offer_id", "score"):
        rankings.ranked[need_keys[need_id]].append(offer_keys[offer_id])
        rankings.scores[need_keys[need_id], offer_keys[offer_id]] = score
        if score >= weights.NOTIFY_THRESHOLD:
            rankings.alarmed.add(need_keys[need_id])
    return rankings
