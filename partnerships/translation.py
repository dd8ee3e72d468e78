from modeltranslation.translator import TranslationOptions, register

from partnerships.models import Activity, Event, Partnership


@register(Partnership)
class PartnershipTranslationOptions(TranslationOptions):
    """Written in one language (the original), translations optional."""

    fields = ("title", "description")
    required_languages = ()


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description", "outcome")
    required_languages = ()


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("topic",)
    required_languages = ()
