"""One JSON POST with a timeout, its failures sorted into "try again later" and "refused"."""

import json
import urllib.error
import urllib.request

from core.translation.base import TranslationError, TranslationUnavailable

# Besides 5xx: too many requests, and DeepL's "quota exceeded" (it comes back next month).
TRY_LATER_STATUSES = frozenset({408, 429, 456})


def post_json(url: str, payload: dict, *, timeout: float, headers: dict | None = None) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the URL comes from the settings
        url,
        data=json.dumps(payload).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": "Cities4Cities",
            **(headers or {}),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read()
    except urllib.error.HTTPError as error:
        detail = f"{url} answered {error.code}: {error.read(500).decode(errors='replace')}"
        if error.code >= 500 or error.code in TRY_LATER_STATUSES:
            raise TranslationUnavailable(detail) from error
        raise TranslationError(detail) from error
    except OSError as error:  # refused, unreachable, timed out (URLError and TimeoutError)
        raise TranslationUnavailable(f"{url}: {error}") from error
    try:
        answer = json.loads(body)
    except ValueError:  # e.g. a proxy's error page
        raise TranslationUnavailable(f"{url} did not answer with JSON.") from None
    if not isinstance(answer, dict):
        raise TranslationUnavailable(f"{url} answered with something other than an object.")
    return answer
