"""Invisible characters that bend what people type.

Bidirectional controls make a title display as another word than it is (U+202E before "sdeb"
shows "beds"); they have no place in a title, a name or a unit. Zero-width characters
split a word in two for the search index while the word looks whole on the page.
"""

from collections.abc import Iterable

from django.db.models import Model

BIDI_CONTROLS = (
    "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_LABEL = str.maketrans(dict.fromkeys(BIDI_CONTROLS + ZERO_WIDTH))
_TEXT = str.maketrans(dict.fromkeys(ZERO_WIDTH))


def clean_label(text: str) -> str:
    """A title, name or unit without bidirectional controls or zero-width characters."""
    return text.translate(_LABEL)


def clean_text(text: str) -> str:
    """A longer text (a description) without zero-width characters, which split its words
    for search."""
    return text.translate(_TEXT)


def clean_fields(instance: Model, *, labels: Iterable[str] = (), texts: Iterable[str] = ()) -> None:
    """Clean the named text attributes of a model instance in place (from its clean(), which
    the services' full_clean() and the admin's forms run for every way in)."""
    for names, cleaner in ((labels, clean_label), (texts, clean_text)):
        for name in names:
            value = getattr(instance, name)
            if value:
                setattr(instance, name, cleaner(value))
