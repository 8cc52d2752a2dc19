"""The result of `prepare`: a data set ready for training and drawing, with the split, the
standardisation it used and the way back to the file's units."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Dataset:
    """What training and drawing need; every array row-aligned with its own split."""

    source: str
    target: str
    task: str                      # "classify" or "regress"
    classes: list[str]             # class names in label order (empty for regression)
    features: list[str]            # the file's columns used, in order
    inputs: list[str]              # the network's inputs (one-hot columns expanded: "island=Dream")
    groups: dict                   # text feature -> list of input indices of its one-hot columns
    plot: tuple                    # input indices of the plotted features: two (maps) or one (curves)
    ignored: list[str]
    mean: np.ndarray               # (n_inputs,) training mean of each input
    std: np.ndarray                # (n_inputs,) training std (1 where an input is constant)
    X_train: np.ndarray            # standardised
    X_test: np.ndarray
    y_train: np.ndarray            # class labels 0..k-1 (int) or standardised values
    y_test: np.ndarray
    y_mean: float = 0.0            # regression target's training mean and std
    y_std: float = 1.0
    rows_read: int = 0
    rows_usable: int = 0           # rows without a missing value, before any sampling (--max-rows)
    dropped_lines: list[int] = field(default_factory=list)
    test_size: float = 0.25
    seed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def n_inputs(self) -> int:
        return len(self.inputs)

    @property
    def rows_used(self) -> int:
        return len(self.X_train) + len(self.X_test)

    @property
    def sampled(self) -> bool:
        """Whether only a sample of the usable rows is used (--max-rows)."""
        return self.rows_usable > self.rows_used

    def raw(self, X):
        """Standardised inputs back in the file's units."""
        return np.asarray(X) * self.std + self.mean

    def standardise(self, X_raw):
        return (np.asarray(X_raw, dtype=float) - self.mean) / self.std

    def y_raw(self, y):
        """A regression output back in the target's units."""
        return np.asarray(y) * self.y_std + self.y_mean

    def held(self) -> np.ndarray:
        """The standardised point where the inputs not plotted are held: each numeric input at its
        training median, each one-hot group at its most common training category."""
        point = np.median(self.X_train, axis=0)
        raw = self.raw(self.X_train)
        for idx in self.groups.values():
            common = np.bincount(raw[:, idx].argmax(axis=1), minlength=len(idx)).argmax()
            point[idx] = ((np.arange(len(idx)) == common) - self.mean[idx]) / self.std[idx]
        return point

    def plane_points(self, P_raw):
        """Standardised inputs for points (n, len(plot)) of the plot plane or line (file units), the
        other inputs held (see `held`)."""
        X = np.tile(self.held(), (len(P_raw), 1))
        cols = list(self.plot)
        X[:, cols] = (np.asarray(P_raw, dtype=float) - self.mean[cols]) / self.std[cols]
        return X
