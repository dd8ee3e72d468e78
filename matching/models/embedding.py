from django.db import models

from needs.models import Need
from offers.models import Offer


class Embedding(models.Model):
    """A posting's texts as multilingual sentence vectors (multilingual-e5-small, 384 floats):
    its whole text, its title, and its unit (matching.engine.texts.PostingTexts).

    Computed by the worker, never in a request; `source` says which texts they were made from,
    so an unchanged posting is not embedded again."""

    vector = models.BinaryField()
    # Null in rows stored before titles and units were embedded (their `source` differs, so
    # the worker embeds them again), and for the unit of a posting that gives none.
    title_vector = models.BinaryField(null=True)
    unit_vector = models.BinaryField(null=True)
    source = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"vector of {self.pk}"


class NeedEmbedding(Embedding):
    need = models.OneToOneField(
        Need, primary_key=True, on_delete=models.CASCADE, related_name="embedding"
    )


class OfferEmbedding(Embedding):
    offer = models.OneToOneField(
        Offer, primary_key=True, on_delete=models.CASCADE, related_name="embedding"
    )
