"""Every need–offer pair of a labelled set with the engine's signals, computed by the real
scoring code in a scratch database, and whether the file calls the pair relevant."""

from dataclasses import dataclass

import numpy as np

from matching.engine.index import build_index
from matching.engine.pipeline import ensure_embeddings, lookups
from matching.engine.ranking import batch_source
from matching.engine.scoring import Signals, signals
from matching.sides import Side
from matching_lab.evaluation.database import load_labelled_set
from matching_lab.evaluation.dataset import LabelledSet
from matching_lab.scratch_database import scratch_database
from needs.models import Need
from offers.models import Offer


@dataclass
class LabelledPairs:
    """Signals of shape (needs, offers), the needs' and offers' keys in row and column order,
    and which pairs are relevant."""

    found: Signals
    need_keys: list[str]
    offer_keys: list[str]
    relevant: np.ndarray  # bool, (needs, offers)
    vectors: tuple[np.ndarray, np.ndarray] | None = None  # the needs' and the offers'


def labelled_pairs(labelled: LabelledSet) -> LabelledPairs:
    with scratch_database("fit_announcement"):
        loaded = load_labelled_set(labelled)
        ensure_embeddings(list(Need.objects.select_related("municipality").order_by("pk")))
        ensure_embeddings(list(Offer.objects.select_related("municipality").order_by("pk")))
        needs, offers = build_index(Need), build_index(Offer)
        source = batch_source(needs, slice(0, len(needs)), side=Side.NEED)
        found = signals(source, offers, lookups())
        need_keys = [loaded.need_keys[int(pk)] for pk in needs.ids]
        offer_keys = [loaded.offer_keys[int(pk)] for pk in offers.ids]
    relevant = np.array(
        [[offer in labelled.relevant[need] for offer in offer_keys] for need in need_keys],
        dtype=bool,
    )
    return LabelledPairs(found, need_keys, offer_keys, relevant, (needs.vectors, offers.vectors))
