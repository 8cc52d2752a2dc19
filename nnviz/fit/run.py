"""A finished run: the prepared data, the settings, what training returned, and how much the
figures may cost. Every figure recipe and the page read from it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import line, maps
from .train import predict_labels


@dataclass
class Quality:
    """How much the figures cost: animation frames, grid points per side, points drawn at most.
    Tests use small values; the command's defaults give smooth 1280x720 animations."""

    frames: int = 36
    grid: int = 110
    max_points: int = 1200
    fps: int = 8

    @property
    def neuron_grid(self) -> int:
        """Grid points per side of the small neuron maps (each is drawn a few hundred px wide)."""
        return max(10, self.grid // 2)


@dataclass
class Run:
    data: object      # prepare.Dataset
    settings: object  # train.Settings
    result: object    # train.Result
    quality: Quality

    @property
    def one_feature(self) -> bool:
        """Whether the figures are drawn over one feature (curves) rather than a plane of two (maps)."""
        return len(self.data.plot) == 1

    def view(self, coarse: bool = False):
        """The plot plane, a maps.PlaneView, or with one plotted feature its axis, a line.LineView
        (`coarse`: the smaller grid of the neuron maps); built once, then cached."""
        key = "_coarse_view" if coarse else "_view"
        if not hasattr(self, key):
            n = self.quality.neuron_grid if coarse else self.quality.grid
            kind = line.LineView if self.one_feature else maps.PlaneView
            setattr(self, key, kind(self, n, self.quality.max_points))
        return getattr(self, key)

    def frame_epochs(self) -> np.ndarray:
        """Epochs shown by the animations: geometric spacing, dense at the start where most happens."""
        E = self.result.epochs
        return np.unique(np.round(np.geomspace(1, E + 1, self.quality.frames)).astype(int)) - 1

    @property
    def final(self):
        return self.result.snapshots[self.result.epochs]

    def predict(self, X) -> np.ndarray:
        """Class labels (classification) or values in the target's units (regression) for
        standardised inputs X (n, n_inputs)."""
        out = maps.forward(self.final, X, self.result.output, self.settings.activation)
        return predict_labels(out) if self.data.task == "classify" else self.data.y_raw(out[:, 0])

    @property
    def metric(self) -> str:
        return "accuracy" if self.data.task == "classify" else "rmse"
