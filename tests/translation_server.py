"""A LibreTranslate stand-in: an HTTP server in the test process that answers POST /translate
as LibreTranslate documents it (tests/data/libretranslate_translate_response.json is a recorded
answer), so that tests run the real backend code over real HTTP. Loaded by tests/conftest.py.

It translates what it knows (TRANSLATIONS; the recorded answer among them) and marks anything
else with the target language ("[de] text"); it can be told to fail the next requests with a
status or to answer too late."""

import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

RECORDED = json.loads(
    (Path(__file__).parent / "data" / "libretranslate_translate_response.json").read_text()
)
# (text, target) → translation; the recorded answer, and the texts the tests write.
TRANSLATIONS: dict[tuple[str, str], str] = {
    **{
        (text, RECORDED["request"]["target"]): translated
        for text, translated in zip(
            RECORDED["request"]["q"], RECORDED["response"]["translatedText"], strict=True
        )
    },
    ("Лікарняні ліжка та монітори пацієнта", "en"): "Hospital beds and patient monitors",
    ("ліжок", "en"): "beds",
    ("Krankenhausbetten und Patientenmonitore", "uk"): "Лікарняні ліжка та монітори пацієнта",
    ("Krankenhausbetten und Patientenmonitore", "en"): "Hospital beds and patient monitors",
    ("Betten", "uk"): "ліжок",
    ("Stück", "uk"): "шт.",
    ("Betten", "en"): "beds",
    ("Wir können 20 Betten nächste Woche schicken.", "uk"): (
        "Ми можемо надіслати 20 ліжок наступного тижня."
    ),
    ("Дякуємо, заберемо на кордоні.", "de"): "Danke, wir holen sie an der Grenze ab.",
}


def detect(text: str) -> str:
    if re.search(r"[а-яіїєґ]", text, re.IGNORECASE):
        return "uk"
    if re.search(r"[äöüß]|\b(und|wir|der|die|das|mit)\b", text, re.IGNORECASE):
        return "de"
    return "en"


class FakeLibreTranslate(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self.failures: list[int] = []  # statuses for the next requests
        self.delay = 0.0  # seconds before answering

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fail_next(self, status: int, times: int = 1) -> None:
        self.failures.extend([status] * times)

    def targets(self) -> list[str]:
        return [request["target"] for request in self.requests]


class _Handler(BaseHTTPRequestHandler):
    server: FakeLibreTranslate

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        if self.server.delay:
            time.sleep(self.server.delay)
        if self.server.failures:
            self._answer(self.server.failures.pop(0), {"error": "Something went wrong"})
            return
        if self.path != "/translate" or not body.get("q"):
            self._answer(400, {"error": "Invalid request: missing q parameter"})
            return
        texts, target = body["q"], body["target"]
        answer = {
            "translatedText": [
                TRANSLATIONS.get((text, target), f"[{target}] {text}") for text in texts
            ]
        }
        if body.get("source") == "auto":
            answer["detectedLanguage"] = [
                {"confidence": 90.0, "language": detect(text)} for text in texts
            ]
        self._answer(200, answer)

    def _answer(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def libretranslate(settings) -> Iterator[FakeLibreTranslate]:
    """The platform set up with the LibreTranslate backend, on the stand-in."""
    server = FakeLibreTranslate()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TRANSLATION_BACKEND = "libretranslate"
    settings.LIBRETRANSLATE_URL = server.url
    settings.LIBRETRANSLATE_API_KEY = ""
    settings.TRANSLATION_TIMEOUT = 1
    yield server
    server.shutdown()
    server.server_close()
