"""LibreTranslate, the open-source translation server (self-hosted; docker-compose runs one).

POST /translate with `q` a list of texts answers `translatedText` as a list in the same order;
with `source` "auto" it adds `detectedLanguage`, one {"language", "confidence"} per text. The
language codes are ISO 639-1, as ours.
"""

from core.translation.base import Translated, TranslationBackend, TranslationUnavailable
from core.translation.http import post_json


class LibreTranslate(TranslationBackend):
    name = "libretranslate"

    def __init__(self, url: str, api_key: str = "", timeout: float = 20) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def translate(self, texts: list[str], *, target: str, source: str | None = None) -> Translated:
        payload = {"q": texts, "source": source or "auto", "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = post_json(f"{self.url}/translate", payload, timeout=self.timeout)
        translated = answer.get("translatedText")
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise TranslationUnavailable(f"{self.url}/translate answered {str(answer)[:200]}")
        return Translated([str(text) for text in translated], source or _detected(answer))


def _detected(answer: dict) -> str | None:
    detected = answer.get("detectedLanguage")
    if isinstance(detected, list):  # one per text; they were written together
        detected = detected[0] if detected else None
    language = detected.get("language") if isinstance(detected, dict) else None
    return str(language) if language else None
