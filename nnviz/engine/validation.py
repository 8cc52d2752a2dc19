"""Checks at the engine's boundary: bad input fails early, with a message naming the problem.

Everything here runs once per public call (``fit``, ``predict`` ...), never per
batch, so the training loop itself does no checking.
"""

from __future__ import annotations

import numbers

import numpy as np


def check_choice(what, name, valid):
    """``name`` if it is one of ``valid`` (case-insensitive), else a ValueError listing them."""
    if isinstance(name, str) and name.lower() in valid:
        return name.lower()
    raise ValueError(f"unknown {what} {name!r}; valid names: {', '.join(sorted(valid))}")


def check_sizes(sizes):
    """Layer widths, inputs first: at least two positive integers."""
    try:
        sizes = list(sizes)
    except TypeError:
        raise ValueError(f"sizes must be a list of layer widths like [2, 12, 1], got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least two layer widths (inputs and outputs), got {sizes!r}"
        )
    for i, width in enumerate(sizes):
        if isinstance(width, bool) or not isinstance(width, numbers.Integral) or width < 1:
            raise ValueError(f"sizes[{i}] must be a positive integer, got {width!r} in sizes={sizes!r}")
    return [int(w) for w in sizes]


def check_positive_int(name, value, *, allow_none=False, minimum=1):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_non_negative(name, value):
    """``value`` if it is a finite real number >= 0 (a standard deviation, a noise level), else a ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (0 <= value < float("inf")):
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def check_finite(name, arr):
    """Raise if ``arr`` holds NaN or infinity, pointing at the first bad row."""
    if not np.isfinite(arr).all():
        bad = tuple(np.argwhere(~np.isfinite(arr))[0])
        kind = "NaN" if np.isnan(arr[bad]) else "infinity"
        where = f" at row {bad[0]}" if bad else ""
        raise ValueError(
            f"{name} contains NaN or infinite values (first: {kind}{where}); "
            "remove or replace them before training"
        )


def check_real_array(name, values):
    """``values`` as a float64 array; a ValueError naming ``name`` for complex or non-numeric input.

    NumPy would silently keep only the real part of complex numbers (with a
    ComplexWarning), so they are refused here instead.
    """
    arr = values if isinstance(values, np.ndarray) else np.asarray(values)
    if np.iscomplexobj(arr):
        raise ValueError(f"{name} holds complex numbers; only real numbers are allowed (pass .real if you mean it)")
    try:
        return np.asarray(arr, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be an array of real numbers: {err}") from None


def check_seed(name, seed, *, allow_none=True):
    """``seed`` if it is None or a non-negative integer (what numpy's SeedSequence accepts), else a ValueError.

    A numpy Generator is refused too: drawing from it would make a result depend on
    everything drawn from it before, so the same call would not repeat.
    """
    if seed is None and allow_none:
        return None
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0:
        return int(seed)
    if isinstance(seed, (np.random.Generator, np.random.RandomState, np.random.SeedSequence)):
        got = f"a numpy {type(seed).__name__}"
    else:
        got = repr(seed)
    allowed = "None (fresh randomness) or a non-negative integer" if allow_none else "a non-negative integer"
    raise ValueError(f"{name} must be {allowed} such as 0, got {got}")


def check_X(X, n_inputs):
    """X as a C-contiguous float64 array (n_samples, n_inputs).

    A 1-D X is accepted for a network with one input (each value is one sample).
    Raises ValueError for complex, non-numeric, NaN or infinite values and for a wrong shape.
    """
    X = check_real_array("X", X)
    if X.ndim == 1 and n_inputs == 1:
        X = X[:, None]
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D (n_samples, {n_inputs} features), got an array of shape {X.shape}"
        )
    if X.shape[1] != n_inputs:
        raise ValueError(
            f"X has {X.shape[1]} features but the network expects {n_inputs} "
            f"(its first layer width, sizes[0] = {n_inputs})"
        )
    if len(X) == 0:
        raise ValueError("X has no samples")
    check_finite("X", X)
    return np.ascontiguousarray(X)


def check_targets(y, loss, n_outputs):
    """y -> float targets (n, n_outputs) for ``loss``: one-hot for 'ce', 0/1 for 'bce'."""
    y = check_real_array("y", y)
    check_finite("y", y)

    if loss == "ce":
        if y.ndim != 1:
            raise ValueError(
                f"loss 'ce' expects y as integer class labels of shape (n_samples,), got shape {y.shape}"
            )
        if not np.array_equal(y, np.round(y)):
            bad = y[y != np.round(y)][0]
            raise ValueError(f"loss 'ce' expects integer class labels 0..{n_outputs - 1}, got {bad:g}")
        if y.size and (y.min() < 0 or y.max() >= n_outputs):
            bad = y[(y < 0) | (y >= n_outputs)][0]
            raise ValueError(
                f"y holds label {int(bad)} but the network's softmax has {n_outputs} outputs "
                f"(valid labels 0..{n_outputs - 1})"
            )
        Y = np.zeros((len(y), n_outputs))
        Y[np.arange(len(y)), y.astype(np.intp)] = 1.0
        return Y

    if y.ndim == 1 and n_outputs == 1:
        y = y[:, None]
    if y.ndim not in (1, 2):
        raise ValueError(f"y must be 1-D or 2-D, got an array of shape {y.shape}")
    per_sample = 1 if y.ndim == 1 else y.shape[1]
    if y.ndim == 1 or per_sample != n_outputs:
        raise ValueError(
            f"y has {per_sample} value(s) per sample but the network has {n_outputs} outputs; "
            f"pass y of shape (n_samples, {n_outputs})"
        )
    if loss == "bce" and not np.isin(y, (0.0, 1.0)).all():
        bad = y[~np.isin(y, (0.0, 1.0))][0]
        raise ValueError(f"loss 'bce' expects labels 0 or 1 (sigmoid outputs), got {bad:g}")
    return np.ascontiguousarray(y)


def check_same_length(X, Y):
    if len(X) != len(Y):
        raise ValueError(f"X has {len(X)} samples but y has {len(Y)}")
