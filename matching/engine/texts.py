"""What of a posting goes into its vectors: the whole text, the title and the unit."""

from dataclasses import dataclass

import numpy as np

from core import embedding
from core.languages import LANGUAGE_CODES, localized_field
from postings.models import TRANSLATED_FIELDS, Posting


def _languages(posting: Posting) -> list[str]:
    """The language the author wrote in first, then the others."""
    return [
        posting.original_language,
        *sorted(set(LANGUAGE_CODES) - {posting.original_language}),
    ]


def posting_text(posting: Posting) -> str:
    """Title and description in the language the author wrote in, plus the English and any
    other translations, so that a translation improves the match."""
    parts: list[str] = []
    for code in _languages(posting):
        for field in TRANSLATED_FIELDS:
            value = getattr(posting, localized_field(field, code), "") or ""
            if value and value not in parts:
                parts.append(value)
    return "\n".join(parts)


def original_title(posting: Posting) -> str:
    """The title as the author wrote it (or, where that is blank, its first translation)."""
    titles = (getattr(posting, localized_field("title", code), "") for code in _languages(posting))
    return next((title for title in titles if title), "")


@dataclass(frozen=True)
class PostingTexts:
    """The three texts a posting is embedded from. The title alone says which item or service
    it is about without the description's context; the unit says what its quantity counts
    (generators and dialysis machines are both "medical equipment" in many descriptions)."""

    text: str
    title: str
    unit: str

    @classmethod
    def of(cls, posting: Posting) -> "PostingTexts":
        return cls(posting_text(posting), original_title(posting), posting.unit.strip())

    @property
    def key(self) -> str:
        """Which texts the stored vectors were made from (a change to any re-embeds them)."""
        return embedding.source_key("\x1f".join((self.text, self.title, self.unit)))


@dataclass(frozen=True)
class PostingVectors:
    """The vectors of a PostingTexts, as stored: no unit vector where the posting has no unit."""

    text: bytes
    title: bytes
    unit: bytes | None


# Units repeat ("шт.", "Betten", "machines"): each process embeds one only once. A unit is a
# word or two, but still costs the model about 10 ms.
_unit_vectors: dict[str, bytes] = {}
UNIT_CACHE_SIZE = 10_000


def embed_postings(texts: list[PostingTexts]) -> list[PostingVectors]:
    """Every text, title and unit not embedded before in one call to the model."""
    wanted = {item.unit for item in texts if item.unit}
    units = {unit: _unit_vectors[unit] for unit in wanted if unit in _unit_vectors}
    new_units = sorted(wanted - units.keys())
    vectors = embedding.embed(
        [item.text for item in texts] + [item.title for item in texts] + new_units
    )
    count = len(texts)
    made = {
        unit: embedding.to_bytes(vector)
        for unit, vector in zip(new_units, vectors[2 * count :], strict=True)
    }
    if len(_unit_vectors) + len(made) > UNIT_CACHE_SIZE:
        _unit_vectors.clear()
    _unit_vectors.update(made)
    units.update(made)
    return [
        PostingVectors(
            text=embedding.to_bytes(vectors[number]),
            title=embedding.to_bytes(vectors[count + number]),
            unit=units[item.unit] if item.unit else None,
        )
        for number, item in enumerate(texts)
    ]


def vector_or_zero(stored: bytes | None) -> np.ndarray:
    """A stored vector, or zeros where there is none (no similarity to anything)."""
    if stored is None:
        return np.zeros(embedding.DIMENSIONS, dtype=np.float32)
    return embedding.from_bytes(stored)
