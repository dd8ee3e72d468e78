from modeltranslation.translator import TranslationOptions, register

from needs.models import Need


@register(Need)
class NeedTranslationOptions(TranslationOptions):
    """The translated fields are inherited from Posting."""

    fields = ()
