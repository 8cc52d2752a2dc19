"""The figure registry: figure scripts declare what they draw; the build decides when.

A script in `figures_src/` decorates one function per figure with `@figure(...)`. Importing
the script records each declaration here; nothing is drawn at import time, so listing every
figure is cheap and a script that fails to import is caught before any work starts.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

KINDS = ("png", "svg", "anim")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class FigureSpec:
    id: str
    kind: str
    caption: str
    alt: str
    draw: Callable
    seed: int = 0
    params: dict = field(default_factory=dict)
    narrow: bool | None = None  # a narrow (phone) variant: None = when its text needs one (nnviz.build.produce)
    script: str = ""  # path of the declaring script, filled in when the script is collected

    @property
    def chapter(self) -> str:
        return self.id.split("/")[0]

    @property
    def name(self) -> str:
        return self.id.split("/")[1]


_declared: list[FigureSpec] = []


def figure(id: str, *, kind: str, caption: str, alt: str, seed: int = 0, narrow: bool | None = None, **params):
    """Declare the decorated function as the recipe for figure `id` ("<chapter>/<name>").

    `params` are extra settings the recipe reads from `ctx.params`; they are part of the
    figure's cache key, so changing one rebuilds just that figure. `narrow`: whether the figure
    also gets a narrow variant for phones (the recipe called with `ctx.narrow`); None, the
    default, lets the build decide from the figure's smallest text (`nnviz.build.produce`).
    """
    if not ID_PATTERN.match(id or ""):
        raise ValueError(f"figure id {id!r} must look like 'chapter/name' (lower case, digits, dashes)")
    if kind not in KINDS:
        raise ValueError(f"figure {id!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
    for name, text in (("caption", caption), ("alt", alt)):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"figure {id!r}: {name} must be a non-empty sentence for the reader")
    if not isinstance(seed, int):
        raise ValueError(f"figure {id!r}: seed must be an int, got {seed!r}")
    if narrow not in (None, True, False):
        raise ValueError(f"figure {id!r}: narrow must be True, False or None, got {narrow!r}")

    def register(fn: Callable) -> Callable:
        _declared.append(FigureSpec(id=id, kind=kind, caption=caption, alt=alt, draw=fn,
                                    seed=seed, params=dict(params), narrow=narrow))
        return fn

    return register


class ScriptError(Exception):
    """A figure script could not be imported or declares something invalid."""

    def __init__(self, script: Path, message: str, where: str = "", traceback: str = ""):
        super().__init__(f"{script}: {message}" + (f" (at {where})" if where else ""))
        self.script = script
        self.message = message
        self.where = where  # innermost frame of the project's own code, see nnviz.build.errors
        self.traceback = traceback


def load_script(path: Path) -> list[FigureSpec]:
    """Import one figure script and return the figures it declares."""
    path = Path(path).resolve()
    module_name = f"nnviz_figures_src.{path.stem.replace('-', '_')}"
    if module_name in sys.modules and getattr(sys.modules[module_name], "__file__", None) == str(path):
        return list(getattr(sys.modules[module_name], "__nnviz_figures__"))
    if str(path.parent) not in sys.path:  # so a script can import its chapter's `_helpers.py`
        sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    start = len(_declared)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del _declared[start:]
        from .errors import fault

        found = fault(exc, path.parent)
        raise ScriptError(path, found.message, found.where, found.traceback) from exc
    specs = [FigureSpec(**{**s.__dict__, "script": str(path)}) for s in _declared[start:]]
    del _declared[start:]
    module.__nnviz_figures__ = specs
    sys.modules[module_name] = module
    return specs


def discover(src: Path) -> tuple[list[FigureSpec], list[ScriptError]]:
    """Every figure declared under `src`, in a stable order, and the scripts that failed."""
    figures, errors, seen = [], [], {}
    for script in sorted(Path(src).glob("*.py")):
        if script.name.startswith("_"):
            continue
        try:
            specs = load_script(script)
        except ScriptError as err:
            errors.append(err)
            continue
        for spec in specs:
            if spec.id in seen:
                errors.append(ScriptError(script, f"figure id {spec.id!r} is already declared in {seen[spec.id]}"))
                continue
            seen[spec.id] = script.name
            figures.append(spec)
    return figures, errors
