from django.db import models

from needs.models import Need
from offers.models import Offer


class Embedding(models.Model):
    """A posting's text as a multilingual sentence vector (multilingual-e5-small, 384 floats).

    Computed by the worker, never in a request; `source` says which text it was made from, so
    an unchanged posting is not embedded again."""

    vector = models.BinaryField()
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
