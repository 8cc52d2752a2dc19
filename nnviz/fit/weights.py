"""Reading and writing a network's weights: the one place that touches the engine's parameter API
(being renamed on the engine branch: `params`/`set_params` -> `weights`/`set_weights`), so either
spelling works here and nowhere else needs to know."""
from __future__ import annotations

import numpy as np


def get_weights(net) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(W (n_in, n_out), b (n_out,)), ...] per layer, copies."""
    pairs = getattr(net, "weights", None)
    if callable(pairs):
        pairs = pairs()
    if pairs is None:
        pairs = net.params
    return [(np.array(W, dtype=float), np.array(b, dtype=float)) for W, b in pairs]


def set_weights(net, weights):
    """Copy [(W, b), ...] (e.g. a History snapshot) into `net`; returns net."""
    setter = getattr(net, "set_weights", None) or net.set_params
    setter([(np.asarray(W), np.asarray(b)) for W, b in weights])
    return net
