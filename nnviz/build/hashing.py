"""Cache keys: a figure is rebuilt only when something that shapes its pixels changed.

The key covers the script's text, every `nnviz` module the script reaches through its imports
(found by reading import statements, so editing an unrelated module rebuilds nothing), the
figure's declaration (kind, seed, caption, alt, params), and the versions of the libraries
that draw and encode.
"""
from __future__ import annotations

import ast
import hashlib
import json
from functools import lru_cache
from pathlib import Path

import matplotlib
import numpy
import PIL

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # .../nnviz
PACKAGE = PACKAGE_ROOT.name
ALWAYS = ("nnviz.build.context", "nnviz.build.produce", "nnviz.render.theme", "nnviz.render.save",
          "nnviz.render.animate")  # what every figure is drawn, measured and written with
PIPELINE_VERSION = "1"


def _module_file(module: str) -> Path | None:
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_ROOT.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, module: str | None) -> set[str]:
    """The nnviz modules imported by the file at `path` (relative imports resolved inside nnviz)."""
    return {name for name in _all_imports(path, module) if name.split(".")[0] == PACKAGE}


def _all_imports(path: Path, module: str | None) -> set[str]:
    """Every module name imported by the file at `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level and module:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from pkg import submodule`
    return found


@lru_cache(maxsize=None)
def _closure(module: str) -> frozenset[str]:
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if path is None or name in seen:
            continue
        seen.add(name)
        # importing a.b.c runs a/__init__ and a/b/__init__ too
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo.extend(parents)
        todo.extend(_imports(path, name))
    return frozenset(seen)


def chapter_helpers(script: Path) -> list[Path]:
    """The private modules beside a script (`_name.py`) that it imports, directly or through each other.

    A chapter split over several scripts keeps what they share (data, training settings) in
    such a module; editing it must rebuild every figure of every script that imports it.
    """
    folder, found, todo = Path(script).parent, set(), [Path(script)]
    while todo:
        for name in _all_imports(todo.pop(), None):
            candidate = folder / f"{name.split('.')[0]}.py"
            if name.startswith("_") and candidate.is_file() and candidate not in found:
                found.add(candidate)
                todo.append(candidate)
    return sorted(found)


def script_dependencies(script: Path) -> list[Path]:
    """The source files a figure script depends on besides itself: its chapter helpers and the
    nnviz modules reached from it or from them, sorted."""
    helpers = chapter_helpers(script)
    modules = set(ALWAYS)
    for source in (Path(script), *helpers):
        modules |= _imports(source, None)
    files = {_module_file(dep) for name in modules for dep in _closure(name)}
    return sorted(files) + helpers


@lru_cache(maxsize=None)
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def figure_hash(spec, variant: str = "site") -> str:
    """The cache key of one figure (or of its slide variant)."""
    script = Path(spec.script)
    h = hashlib.sha256()
    h.update(f"pipeline {PIPELINE_VERSION} {variant}\n".encode())
    h.update(f"numpy {numpy.__version__} matplotlib {matplotlib.__version__} pillow {PIL.__version__}\n".encode())
    declaration = {"id": spec.id, "kind": spec.kind, "caption": spec.caption, "alt": spec.alt,
                   "seed": spec.seed, "params": spec.params,
                   "narrow": getattr(spec, "narrow", None)}
    h.update(json.dumps(declaration, sort_keys=True, default=repr).encode())
    h.update(f"\nscript {_file_digest(script)}\n".encode())
    deps = script_dependencies(script)
    if variant == "slides" and spec.kind != "anim":  # a still's slide PNGs are written by their own module
        deps = sorted({*deps, PACKAGE_ROOT / "build" / "slide_stills.py"})
    for dep in deps:
        label = dep.relative_to(PACKAGE_ROOT) if dep.is_relative_to(PACKAGE_ROOT) else f"helper {dep.name}"
        h.update(f"{label} {_file_digest(dep)}\n".encode())
    return h.hexdigest()
