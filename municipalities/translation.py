from modeltranslation.translator import TranslationOptions, register

from municipalities.models import Municipality, VerificationQueue


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(VerificationQueue)
class VerificationQueueTranslationOptions(TranslationOptions):
    """The proxy inherits the translated fields; registering it lets the admin see them."""

    fields = ()
