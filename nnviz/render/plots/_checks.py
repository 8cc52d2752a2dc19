"""Checks shared by the plot helpers: what a degenerate input is, and the error for an axis.

Two kinds of degenerate input get two answers. Data (a cost, outputs, points) may be constant
or all equal, and the helpers draw it: a flat cost is a flat picture, not an error. An axis
(a grid such as `x`, `w`, `x1`, or limits `xlim`) with fewer than two distinct values cannot
be drawn at all, and gets a ValueError that names the parameter.
"""
from __future__ import annotations

import numpy as np

# Values closer than this, relative to their size, count as equal (a flat cost or range).
FLAT = 1e-9


def is_flat(lo: float, hi: float) -> bool:
    """True when the range [lo, hi] is empty for drawing: hi - lo is nothing next to |lo|, |hi| and 1."""
    return not (hi - lo > FLAT * max(1.0, abs(lo), abs(hi)))


def flat_pad(value: float) -> float:
    """Half the height a flat range is drawn with: 10 % of its size, at least 0.5."""
    return max(0.5, 0.1 * abs(value))


def axis(name: str, values) -> np.ndarray:
    """`values` as a float array that spans a range; ValueError naming `name` otherwise."""
    arr = np.asarray(values, dtype=float).ravel()
    if arr.size < 2 or not np.all(np.isfinite(arr)) or is_flat(float(arr.min()), float(arr.max())):
        shown = np.array2string(arr, threshold=6, precision=4)
        raise ValueError(f"{name} must hold at least two different finite values (an axis to draw along), "
                         f"got {shown}")
    return arr
