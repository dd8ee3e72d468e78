"""What every machine-translation backend offers: texts from one language into another."""

from abc import ABC, abstractmethod
from dataclasses import dataclass


class TranslationError(Exception):
    """The service refused the request (a bad key, a language it does not know): sending the
    same request again will not help."""


class TranslationUnavailable(TranslationError):
    """No answer, or not now (a timeout, a refused connection, a 5xx, a rate limit): the worker
    tries again later and keeps the original meanwhile."""


@dataclass(frozen=True)
class Translated:
    texts: list[str]  # in the order they were given
    source: str | None  # the language translated from: as given, or as the service detected it


class TranslationBackend(ABC):
    name: str
    # False only for "none": the pages then say that no machine translation is set up.
    configured = True

    @abstractmethod
    def translate(self, texts: list[str], *, target: str, source: str | None = None) -> Translated:
        """`texts` (plain text) into `target`, one of the platform's language codes; `source`
        None lets the service detect it. Raises TranslationUnavailable or TranslationError."""
