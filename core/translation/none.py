from core.translation.base import Translated, TranslationBackend, TranslationError


class NoTranslation(TranslationBackend):
    """The default: nothing is translated, every text is shown as it was written."""

    name = "none"
    configured = False

    def translate(self, texts: list[str], *, target: str, source: str | None = None) -> Translated:
        raise TranslationError("No machine translation is set up (TRANSLATION_BACKEND=none).")
