"""Which municipalities are already partners, and since which year.

Partnerships are recorded by the partnerships app, which sits above this one (it records agreed
matches) and so tells matching where partners come from, with `provide`, when Django starts.
"""

from collections.abc import Callable

import numpy as np

# municipality id or None (all pairs) → {(smaller id, larger id): partners since (year)}
PartnerYears = Callable[[int | None], dict[tuple[int, int], int]]

_provider: PartnerYears | None = None


def provide(provider: PartnerYears) -> None:
    global _provider
    _provider = provider


def _keys(first: np.ndarray | int, second: np.ndarray | int) -> np.ndarray:
    """One int64 per unordered pair of municipality ids (primary keys below 2**31)."""
    first, second = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
    return (np.minimum(first, second) << 32) | np.maximum(first, second)


class Partners:
    """Partner pairs, looked up for whole arrays of municipality ids at once."""

    def __init__(self, years: dict[tuple[int, int], int]) -> None:
        pairs = list(years)
        keys = _keys([a for a, _b in pairs], [b for _a, b in pairs]) if pairs else np.zeros(0)
        order = np.argsort(keys)
        self.keys = keys[order].astype(np.int64)
        self.years = np.array(list(years.values()), dtype=np.int64)[order]

    def since(self, first: np.ndarray | int, second: np.ndarray | int) -> np.ndarray:
        """The year each pair has been partners since, 0 where they are not partners; the
        arguments broadcast like any numpy operands."""
        if not len(self.keys):
            return np.zeros(np.broadcast_shapes(np.shape(first), np.shape(second)), np.int64)
        keys = _keys(first, second)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[at] == keys, self.years[at], 0)


def partners(municipality: int | None = None) -> Partners:
    """The partners of one municipality, or every partner pair when None."""
    return Partners(_provider(municipality) if _provider is not None else {})
