"""Where did a figure fail? The innermost frame of the project's own code, as file:line.

A recipe's exception usually surfaces deep inside numpy or matplotlib, and its last frame
names a library file the reader never wrote. The useful place is the innermost frame that is
*the project's own code*: a figure script, a shared private module beside it (such as
`figures_src/_logistic_to_nn_data.py`), or the nnviz package, but not the build machinery
(nnviz/build/), which only calls the recipe. When that frame is outside the figure scripts
(an nnviz helper raised), the innermost script frame is named too, as the call site.
"""
from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

_NNVIZ = Path(__file__).resolve().parents[1]  # the nnviz package
_MACHINERY = Path(__file__).resolve().parent  # nnviz/build: calls recipes, is never the fault


@dataclass(frozen=True)
class Fault:
    """An exception reduced to text that crosses a process boundary (picklable, no frames)."""

    message: str  # "ValueError: the data file is missing a column"
    where: str = ""  # "figures_src/_data.py:12, in load (called from figures_src/chapter.py:40)"
    traceback: str = ""  # the full formatted traceback, for --verbose


def display_path(path) -> str:
    """`path` relative to the working directory when it is inside it, else as given."""
    path = str(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def fault(exc: BaseException, scripts: str | os.PathLike) -> Fault:
    """Describe `exc` for a figure whose scripts live in the folder `scripts`."""
    message = traceback.format_exception_only(type(exc), exc)[-1].strip()
    if isinstance(exc, SyntaxError):  # also first line only: its caret lines are for --verbose
        message = f"{type(exc).__name__}: {exc.msg}"
    full = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    scripts = Path(scripts).resolve()
    frames = []
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename).resolve()
        if _inside(path, scripts):
            frames.append((frame, True))
        elif _inside(path, _NNVIZ) and not _inside(path, _MACHINERY):
            frames.append((frame, False))
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:  # raised by the parser: no frame
        return Fault(message, f"{display_path(exc.filename)}:{exc.lineno}", full)
    if not frames:
        return Fault(message, "", full)
    frame, in_scripts = frames[-1]
    where = f"{display_path(frame.filename)}:{frame.lineno}, in {frame.name}"
    if not in_scripts:
        callers = [f for f, own_script in frames if own_script]
        if callers:
            where += f" (called from {display_path(callers[-1].filename)}:{callers[-1].lineno})"
    return Fault(message, where, full)
