"""A PostingIndex of random postings, for comparing ways of scoring the same pairs."""

import numpy as np

from matching.engine.index import PostingIndex, country_number

# The countries of the six places below; the fifth has no coordinates.
COUNTRIES = ("DE", "UA", "UA", "PL", "UA", "UA")


def random_index(rng: np.random.Generator, size: int) -> PostingIndex:
    """Postings whose texts are close enough for the text signal to vary."""

    def vectors(count: int = size) -> np.ndarray:
        made = rng.standard_normal((count, 384)).astype(np.float32) * 0.04 + 1
        return made / np.linalg.norm(made, axis=1, keepdims=True)

    quantity = rng.integers(1, 50, size).astype(float)
    quantity[rng.random(size) < 0.3] = np.nan
    day = rng.integers(739000, 739400, size)
    day[rng.random(size) < 0.4] = -1
    place = rng.integers(0, 6, size)
    return PostingIndex(
        ids=np.arange(1, size + 1),
        sector=rng.integers(1, 4, size),
        topic=rng.integers(0, 6, size),
        kind=rng.integers(1, 5, size),
        quantity_open=quantity,
        day=day,
        latitude=np.array([46.0, 48.5, 50.1, 52.2, np.nan, 49.0])[place],
        longitude=np.array([8.0, 26.5, 30.2, 21.0, np.nan, 31.0])[place],
        country=np.array([country_number(code) for code in COUNTRIES])[place],
        municipality=place + 1,
        languages=rng.integers(0, 8, size),
        vectors=vectors(),
        title_vectors=vectors(),
        # Row 0: no unit; five units besides, shared by the postings.
        unit_table=np.concatenate([np.zeros((1, 384), np.float32), vectors(5)]),
        unit_row=np.where(rng.random(size) < 0.7, rng.integers(1, 6, size), 0),
    )
