"""A report folder back in memory: `load_report(folder)` rebuilds the run from report.json and
weights.npz, so it can predict or be drawn again (`output.write_report(run, new_folder, ...)`).

    run = load_report("fit-penguins")
    run.predict(run.data.standardise(rows))   # rows: (n, n_inputs) in the file's units
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from nnviz.engine import MLP

from .errors import FitError
from .run import Quality, Run
from .prepare import Dataset
from .train import Result, Settings
from .weights import set_weights


def _layers(z, prefix: str) -> list:
    pairs, i = [], 0
    while f"{prefix}W{i}" in z:
        pairs.append((z[f"{prefix}W{i}"], z[f"{prefix}b{i}"]))
        i += 1
    return pairs


def load_report(folder) -> Run:
    """The Run written into `folder` by `nnviz fit`; raises FitError if it is not such a folder."""
    folder = Path(folder)
    try:
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        z = np.load(folder / "weights.npz")
    except (OSError, ValueError) as err:
        raise FitError(f"{folder}: not a readable nnviz fit report ({err})") from None
    with z:
        s, d, n = report["settings"], report["data"], report["network"]
        settings = Settings(hidden=tuple(s["hidden"]), activation=s["activation"], epochs=s["epochs"], lr=s["lr"],
                            momentum=s["momentum"], batch_size=s["batch_size"], seed=s["seed"])
        inputs = d["inputs"]
        groups = {}
        for j, name in enumerate(inputs):
            if name not in d["features"] and "=" in name:
                groups.setdefault(name.split("=", 1)[0], []).append(j)
        data = Dataset(source=report["source"], target=s["target"], task=s["task"], classes=d["classes"],
                       features=d["features"], inputs=inputs, groups=groups,
                       plot=tuple(inputs.index(p) for p in s["plot"]), ignored=d["ignored"],
                       mean=z["mean"], std=z["std"], X_train=z["X_train"], X_test=z["X_test"],
                       y_train=z["y_train"], y_test=z["y_test"], y_mean=float(z["y_scale"][0]),
                       y_std=float(z["y_scale"][1]), rows_read=d["rows_read"],
                       rows_usable=d.get("rows_usable", d["rows_used"]), dropped_lines=d["dropped_lines"],
                       test_size=s["test_size"], seed=s["seed"], notes=d["notes"])
        snapshots = {e: _layers(z, f"epoch{e}_") for e in report["history"]["epoch"]}
        final = _layers(z, "")
    net = MLP(n["sizes"], activation=n["activation"], output=n["output"], seed=settings.seed)
    set_weights(net, final)
    history = {k: v for k, v in report["history"].items() if k != "epoch"}
    result = Result(net=net, sizes=n["sizes"], output=n["output"], loss_name=n["loss"], history=history,
                    snapshots=snapshots)
    return Run(data, settings, result, Quality(**report.get("quality", {})))
