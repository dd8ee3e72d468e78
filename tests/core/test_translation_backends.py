"""The machine-translation backends, the real code over real HTTP: LibreTranslate against the
stand-in of tests/translation_server.py (which answers in the recorded format), DeepL against a
small server answering as DeepL documents; every failure sorted into "try again later" or
"refused"."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core import translation
from core.translation.deepl import DeepL
from core.translation.libretranslate import LibreTranslate
from tests.translation_server import RECORDED


def test_libretranslate_sends_the_documented_request_and_reads_the_recorded_answer(libretranslate):
    backend = LibreTranslate(libretranslate.url, api_key="secret", timeout=1)

    result = backend.translate(RECORDED["request"]["q"], target="de")

    assert result.texts == RECORDED["response"]["translatedText"]
    assert result.source == "uk"  # detected
    [request] = libretranslate.requests
    assert request == {**RECORDED["request"], "api_key": "secret"}


def test_a_given_source_language_is_sent_and_kept(libretranslate):
    result = LibreTranslate(libretranslate.url).translate(["Betten"], target="uk", source="de")

    assert result.texts == ["ліжок"]
    assert result.source == "de"
    assert libretranslate.requests[0]["source"] == "de"
    assert "api_key" not in libretranslate.requests[0]


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_a_server_error_or_a_rate_limit_means_try_again_later(libretranslate, status):
    libretranslate.fail_next(status)

    with pytest.raises(translation.TranslationUnavailable, match=str(status)):
        LibreTranslate(libretranslate.url).translate(["Betten"], target="uk")


def test_a_backend_that_answers_too_late_means_try_again_later(libretranslate):
    libretranslate.delay = 0.5

    with pytest.raises(translation.TranslationUnavailable):
        LibreTranslate(libretranslate.url, timeout=0.1).translate(["Betten"], target="uk")


def test_a_backend_that_is_not_running_means_try_again_later(libretranslate):
    libretranslate.shutdown()
    libretranslate.server_close()

    with pytest.raises(translation.TranslationUnavailable):
        LibreTranslate(libretranslate.url).translate(["Betten"], target="uk")


def test_a_refusal_is_not_worth_repeating(libretranslate):
    libretranslate.fail_next(400)

    with pytest.raises(translation.TranslationError) as raised:
        LibreTranslate(libretranslate.url).translate(["Betten"], target="xx")
    assert not isinstance(raised.value, translation.TranslationUnavailable)


class _Answering(BaseHTTPRequestHandler):
    """Answers every POST with the server's `status` and `answer`, recording the request."""

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.seen.append((self.path, dict(self.headers), json.loads(body)))
        data = self.server.answer if isinstance(self.server.answer, bytes) else None
        data = data or json.dumps(self.server.answer).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def answering():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answering)
    server.seen, server.status, server.answer = [], 200, {}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_libretranslate_answering_something_else_means_try_again_later(answering):
    answering.answer = b"<html>Bad gateway</html>"
    with pytest.raises(translation.TranslationUnavailable, match="JSON"):
        LibreTranslate(_url(answering)).translate(["Betten"], target="uk")
    answering.answer = {"translatedText": ["one"]}
    with pytest.raises(translation.TranslationUnavailable):
        LibreTranslate(_url(answering)).translate(["Betten", "Matratzen"], target="uk")


def test_deepl_sends_the_key_in_the_header_and_english_as_british(answering):
    answering.answer = {
        "translations": [{"detected_source_language": "UK", "text": "Hospital beds"}]
    }
    backend = DeepL("a-key", url=_url(answering), timeout=1)

    result = backend.translate(["Лікарняні ліжка"], target="en")

    assert result.texts == ["Hospital beds"]
    assert result.source == "uk"
    [(path, headers, body)] = answering.seen
    assert path == "/v2/translate"
    assert headers["Authorization"] == "DeepL-Auth-Key a-key"
    assert body == {"text": ["Лікарняні ліжка"], "target_lang": "EN-GB"}


def test_deepl_is_told_the_source_language_when_it_is_known(answering):
    answering.answer = {"translations": [{"detected_source_language": "DE", "text": "ліжка"}]}

    DeepL("a-key", url=_url(answering)).translate(["Betten"], target="uk", source="de")

    assert answering.seen[0][2] == {"text": ["Betten"], "target_lang": "UK", "source_lang": "DE"}


@pytest.mark.parametrize(("status", "later"), [(456, True), (503, True), (403, False)])
def test_deepl_over_its_quota_tries_later_and_a_wrong_key_does_not(answering, status, later):
    answering.status, answering.answer = status, {"message": "no"}

    with pytest.raises(translation.TranslationError) as raised:
        DeepL("a-key", url=_url(answering)).translate(["Betten"], target="uk")
    assert isinstance(raised.value, translation.TranslationUnavailable) is later


def test_deepl_free_keys_use_the_free_endpoint():
    assert DeepL("abc:fx").url == "https://api-free.deepl.com"
    assert DeepL("abc").url == "https://api.deepl.com"


def test_the_setting_chooses_the_backend(settings):
    assert translation.backend().name == "none"
    assert not translation.is_configured()
    settings.TRANSLATION_BACKEND, settings.LIBRETRANSLATE_URL = "libretranslate", "http://lt:5000"
    assert translation.backend().name == "libretranslate"
    settings.TRANSLATION_BACKEND, settings.DEEPL_API_KEY = "deepl", "abc:fx"
    assert translation.backend().name == "deepl"
    assert translation.is_configured()


def test_without_a_backend_nothing_is_translated():
    with pytest.raises(translation.TranslationError, match="No machine translation"):
        translation.backend().translate(["Betten"], target="uk")
