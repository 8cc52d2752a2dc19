"""Training the network on a Dataset, measuring train and test after every epoch.

    result = train(data, Settings(hidden=(8, 8), epochs=300), progress=True)
    result.net                       # the trained engine MLP
    result.history["test_loss"]      # per epoch, epoch 0 (untrained) first
    result.snapshots[epoch]          # [(W, b), ...] after that epoch

The output layer follows the task: one sigmoid unit for two classes (binary cross-entropy), a
softmax over k units for k > 2 classes (cross-entropy), one identity unit for regression (mean
squared error on the standardised target). Metrics per epoch, on train and test: the loss as the
engine defines it, and accuracy (classification) or the root-mean-square error in the target's
own units (regression).
"""
from __future__ import annotations

import math
import sys
from dataclasses import asdict, dataclass, field

import numpy as np

from nnviz.engine import MLP, SGD, TrainingDiverged

from .errors import FitError
from .prepare import Dataset
from .weights import get_weights

ACTIVATIONS = ("tanh", "relu", "sigmoid", "identity")


@dataclass
class Settings:
    """The command's training options (their defaults are the command's)."""

    hidden: tuple = (8, 8)
    activation: str = "tanh"
    epochs: int = 300
    lr: float = 0.1
    momentum: float = 0.9
    batch_size: int = 32
    seed: int = 0

    def check(self):
        if self.activation not in ACTIVATIONS:
            raise FitError(f"--activation must be one of {', '.join(ACTIVATIONS)}, got {self.activation!r}")
        if any(h < 1 for h in self.hidden):
            raise FitError(f"--hidden widths must be at least 1, got {','.join(map(str, self.hidden))}")
        if self.epochs < 1:
            raise FitError(f"--epochs must be at least 1, got {self.epochs}")
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise FitError(f"--lr must be a positive number, got {self.lr}")
        if not 0 <= self.momentum < 1:
            raise FitError(f"--momentum must be in [0, 1), got {self.momentum}")
        if self.batch_size < 1:
            raise FitError(f"--batch-size must be at least 1, got {self.batch_size}")
        return self

    def as_dict(self):
        d = asdict(self)
        d["hidden"] = list(self.hidden)
        return d


@dataclass
class Result:
    net: MLP
    sizes: list
    output: str
    loss_name: str
    history: dict = field(default_factory=dict)   # name -> list per epoch 0..E
    snapshots: dict = field(default_factory=dict)  # epoch -> [(W, b), ...]

    @property
    def epochs(self) -> int:
        return len(self.history["train_loss"]) - 1


def output_for(data: Dataset) -> tuple[int, str, str]:
    """(output units, output activation, loss) for the task."""
    if data.task == "regress":
        return 1, "identity", "mse"
    k = len(data.classes)
    return (1, "sigmoid", "bce") if k == 2 else (k, "softmax", "ce")


def loss_value(out, y, loss: str) -> float:
    """The engine's losses from outputs `out` (n, k): mse = mean (a - y)^2; bce, ce = mean -log p
    of the true class (probabilities clipped to [1e-12, 1])."""
    if loss == "mse":
        return float(np.mean((out[:, 0] - y) ** 2))
    if loss == "bce":
        p = np.where(y == 1, out[:, 0], 1 - out[:, 0])
    else:
        p = out[np.arange(len(y)), y.astype(int)]
    return float(-np.mean(np.log(np.clip(p, 1e-12, 1.0))))


def metric(out, y, data: Dataset) -> float:
    """Accuracy (classification) or RMSE in the target's units (regression)."""
    if data.task == "regress":
        return float(np.sqrt(np.mean(((out[:, 0] - y) * data.y_std) ** 2)))
    pred = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
    return float(np.mean(pred == y))


def predict_labels(out) -> np.ndarray:
    return (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)


# tqdm's bar with the time left in words: "training  12%|█▏   | 36/300 epoch [00:04 so far, 00:29 left]"
BAR_FORMAT = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} {unit} [{elapsed} so far, {remaining} left{postfix}]"


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="training", unit="epoch", disable=quiet, file=sys.stderr,
                leave=True, dynamic_ncols=True, mininterval=0.2, bar_format=BAR_FORMAT)


def train(data: Dataset, settings: Settings, quiet: bool = False) -> Result:
    """Train an MLP on `data` with `settings`; raises FitError when the loss diverges."""
    settings.check()
    n_out, output, loss = output_for(data)
    sizes = [data.n_inputs, *settings.hidden, n_out]
    net = MLP(sizes, activation=settings.activation, output=output, seed=settings.seed)
    name = "accuracy" if data.task == "classify" else "rmse"
    history = {"train_loss": [], "test_loss": [], f"train_{name}": [], f"test_{name}": []}
    snapshots = {}

    def measure(epoch, model):
        for split, X, y in (("train", data.X_train, data.y_train), ("test", data.X_test, data.y_test)):
            out = model.forward(X)
            history[f"{split}_loss"].append(loss_value(out, y, loss))
            history[f"{split}_{name}"].append(metric(out, y, data))
        snapshots[epoch] = get_weights(model)

    bar = _progress(settings.epochs, quiet)

    def callback(epoch, model, logs):
        measure(epoch, model)
        bar.update(1)
        if epoch % 10 == 0 or epoch == settings.epochs:
            bar.set_postfix_str(f"loss {history['train_loss'][-1]:.4g}, test {history['test_loss'][-1]:.4g}",
                                refresh=False)

    measure(0, net)
    try:
        with bar:
            net.fit(data.X_train, data.y_train, loss=loss,
                    optimizer=SGD(lr=settings.lr, momentum=settings.momentum),
                    epochs=settings.epochs, batch_size=settings.batch_size, callback=callback)
    except TrainingDiverged as err:
        epoch = len(history["train_loss"])
        raise FitError(f"training diverged: the loss stopped being a finite number at epoch {epoch} with "
                       f"--lr {settings.lr:g} (momentum {settings.momentum:g}); try a smaller --lr such as "
                       f"{settings.lr / 10:g}") from err
    last = history["train_loss"][-1]
    if data.task == "regress" and last > 1e6:
        raise FitError(f"training diverged: the training loss reached {last:.3g} with --lr {settings.lr:g} "
                       f"(momentum {settings.momentum:g}); try a smaller --lr such as {settings.lr / 10:g}")
    return Result(net=net, sizes=sizes, output=output, loss_name=loss, history=history, snapshots=snapshots)
