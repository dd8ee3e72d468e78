from modeltranslation.translator import TranslationOptions, register

from offers.models import Offer


@register(Offer)
class OfferTranslationOptions(TranslationOptions):
    """The translated fields are inherited from Posting."""

    fields = ()
