"""Numbers into a plain `<script>` file, byte-reproducibly.

Floats are written with Python's shortest round-trip repr, which JavaScript parses back to the
very same double, so the page computes with exactly the build's weights. Arrays become nested
lists; NaN and infinities are refused (JSON has no spelling for them).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np

GLOBAL = "nnvizExplorableData"  # window[GLOBAL][id] holds an explorable's numbers


def plain(value):
    """`value` with every NumPy array and scalar turned into lists, floats and ints (recursively).

    Raises ValueError naming the key path of a NaN or infinite number."""
    def walk(v, where):
        if isinstance(v, dict):
            return {str(k): walk(x, f"{where}.{k}") for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [walk(x, f"{where}[{i}]") for i, x in enumerate(v)]
        if isinstance(v, np.ndarray):
            return walk(v.tolist(), where)
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, np.integer)):
            return int(v)
        if isinstance(v, (float, np.floating)):
            f = float(v)
            if f != f or f in (float("inf"), float("-inf")):
                raise ValueError(f"explorable data{where}: {f} is not a finite number")
            return f
        if v is None or isinstance(v, str):
            return v
        raise ValueError(f"explorable data{where}: cannot write a {type(v).__name__}")
    return walk(value, "")


def rounded(array, digits: int) -> np.ndarray:
    """`array` rounded to `digits` decimals, for numbers that are only drawn (grids, contour lines):
    shorter files. Never for numbers the page computes with."""
    return np.round(np.asarray(array, dtype=float), digits) + 0.0  # + 0.0: no "-0.0"


def script(explorable_id: str, payload: dict, key: str) -> str:
    """The text of the data file of `explorable_id`: one assignment to window[GLOBAL][id]."""
    body = json.dumps(plain(payload), separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return (f"/* nnviz explorable data for {explorable_id}, written by nnviz.explore.build (key {key}) */\n"
            f"(window.{GLOBAL} = window.{GLOBAL} || {{}})[{json.dumps(explorable_id)}] = {body};\n")


def write_atomic(path: Path, text: str) -> bool:
    """Write `text` to `path` through a temporary file and a rename; False (and no write) when the
    file already holds exactly that text."""
    path = Path(path)
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
