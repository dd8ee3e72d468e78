"""The two sides of a match: the need and the offer. Which side a posting is on, the other
side, and a match's posting on a side, decided here instead of by conditionals everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from needs.models import Need
from offers.models import Offer
from postings.models import Posting


class Side(models.TextChoices):
    """A side's value is the name of the match's field that holds its posting."""

    NEED = "need", _("the city in need")
    OFFER = "offer", _("the offering city")

    @classmethod
    def of(cls, posting: Posting | type[Posting]) -> "Side":
        """The side of a posting, or of a posting model."""
        model = posting if isinstance(posting, type) else type(posting)
        return cls.NEED if issubclass(model, Need) else cls.OFFER

    @classmethod
    def of_municipality(cls, match, municipality: Municipality) -> "Side":
        """The side a municipality is on in a match (the need's, were it on both)."""
        return cls.NEED if match.need.municipality_id == municipality.pk else cls.OFFER

    @property
    def other(self) -> "Side":
        return Side.OFFER if self is Side.NEED else Side.NEED

    @property
    def model(self) -> type[Posting]:
        return Need if self is Side.NEED else Offer

    @property
    def id_field(self) -> str:
        """The match's column holding this side's posting id (`need_id`)."""
        return f"{self.value}_id"

    def need_first(self, own, other) -> tuple:
        """(the need's, the offer's) of two values: this side's own and the other side's."""
        return (own, other) if self is Side.NEED else (other, own)

    def pair(self, own_id: int, other_id: int) -> dict[str, int]:
        """A match's `need_id` and `offer_id` from this side's posting id and the other's."""
        need_id, offer_id = self.need_first(own_id, other_id)
        return {"need_id": need_id, "offer_id": offer_id}

    def posting(self, match) -> Posting:
        return getattr(match, self.value)

    def municipality(self, match) -> Municipality:
        return self.posting(match).municipality
