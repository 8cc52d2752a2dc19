"""What training records, and the error raised when it goes wrong."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


class TrainingDiverged(ValueError):
    """The loss became NaN or infinite during ``fit`` (usually: the learning rate is too large)."""


@dataclass
class History:
    """What ``fit`` recorded.

    loss[i] and accuracy[i] are measured on the whole training set with the
    parameters reached at the end of epoch ``epochs[i]`` (epochs count from 1);
    ``initial_loss`` / ``initial_accuracy`` describe the untrained net (epoch 0).
    ``accuracy`` is filled only for classification (bce or ce losses).
    ``snapshots`` holds (epoch, params copy) for epoch 0, every ``record_every``
    epochs and the last epoch, when ``record_every`` was given.
    """

    loss: list = field(default_factory=list)
    accuracy: list | None = None
    epochs: list = field(default_factory=list)
    snapshots: list = field(default_factory=list)
    initial_loss: float = math.nan
    initial_accuracy: float | None = None
    loss_name: str = ""

    def __len__(self):
        return len(self.loss)

    def params_at(self, epoch):
        """The snapshot recorded at ``epoch``."""
        for e, params in self.snapshots:
            if e == epoch:
                return params
        recorded = [e for e, _ in self.snapshots]
        raise KeyError(f"no snapshot at epoch {epoch}; recorded epochs: {recorded}")
