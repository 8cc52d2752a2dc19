"""What training records, and the error raised when it goes wrong."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


class TrainingDiverged(ValueError):
    """Training blew up during ``fit`` (usually: the learning rate is too large).

    Raised when the loss or the weights stop being finite, or the loss grows past
    ``training.DIVERGENCE_FACTOR`` times the larger of its starting value and the loss
    of a constant answer. The message says what to change. Attributes: ``epoch`` (the
    epoch that diverged) and ``history`` (the History up to the epoch before); the
    network is left at its weights from the end of that last sound epoch.
    """


@dataclass
class History:
    """What ``fit`` recorded.

    loss[i] and accuracy[i] belong to epoch ``epochs[i]`` (epochs count from 1).
    ``monitor`` says how they were measured: "full", on the whole training set with
    the weights reached at the end of the epoch; "batches", as the mean over the
    epoch of each batch's loss before its step (scikit-learn's ``loss_curve_``).
    ``initial_loss`` / ``initial_accuracy`` describe the untrained net (epoch 0).
    ``accuracy`` is filled only for classification (bce or ce losses).
    ``snapshots`` holds (epoch, weights copy [(W, b), ...]) for epoch 0, every ``record_every``
    epochs and the last epoch, when ``record_every`` was given.
    """

    loss: list = field(default_factory=list)
    accuracy: list | None = None
    epochs: list = field(default_factory=list)
    snapshots: list = field(default_factory=list)
    initial_loss: float = math.nan
    initial_accuracy: float | None = None
    loss_name: str = ""
    monitor: str = "full"

    def __len__(self):
        return len(self.loss)

    def weights_at(self, epoch):
        """The snapshot recorded at ``epoch``."""
        for e, weights in self.snapshots:
            if e == epoch:
                return weights
        recorded = [e for e, _ in self.snapshots]
        raise KeyError(f"no snapshot at epoch {epoch}; recorded epochs: {recorded}")
