"""DeepL's API (https://developers.deepl.com): POST /v2/translate with `text` a list and
`target_lang`, the key in the Authorization header; it answers `translations`, each with `text`
and `detected_source_language`. Free keys end in ":fx" and use api-free.deepl.com.
"""

from core.translation.base import Translated, TranslationBackend, TranslationUnavailable
from core.translation.http import post_json

FREE_URL = "https://api-free.deepl.com"
PRO_URL = "https://api.deepl.com"
# DeepL translates into a variety of English only.
TARGETS = {"en": "EN-GB"}


class DeepL(TranslationBackend):
    name = "deepl"

    def __init__(self, api_key: str, url: str = "", timeout: float = 20) -> None:
        self.api_key = api_key
        self.url = (url or (FREE_URL if api_key.endswith(":fx") else PRO_URL)).rstrip("/")
        self.timeout = timeout

    def translate(self, texts: list[str], *, target: str, source: str | None = None) -> Translated:
        payload = {"text": texts, "target_lang": TARGETS.get(target, target.upper())}
        if source:
            payload["source_lang"] = source.upper()
        answer = post_json(
            f"{self.url}/v2/translate",
            payload,
            timeout=self.timeout,
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
        )
        translations = answer.get("translations")
        if not isinstance(translations, list) or len(translations) != len(texts):
            raise TranslationUnavailable(f"{self.url} answered {str(answer)[:200]}")
        detected = str(translations[0].get("detected_source_language") or "").lower() or None
        return Translated([str(item.get("text", "")) for item in translations], source or detected)
