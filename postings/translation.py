from modeltranslation.translator import TranslationOptions, register

from postings.models import HelpKind, Posting, Sector, Topic


@register([Sector, Topic, HelpKind])
class TaxonomyTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Posting)
class PostingTranslationOptions(TranslationOptions):
    """Title and description in the author's language, translations optional."""

    fields = ("title", "description")
    required_languages = ()
